// Bundles for the VS Code extension (`npm run package` / vsce). Three Node bundles:
//   dist/extension.js      the extension host side (src/extension), `vscode` left external
//   dist/debugAdapter.js   the debug adapter process (src/debugAdapter/main.ts)
//   dist/compareWorker.js  the child process of "Compare Virtualization Modes" (src/extension/compareWorker.ts)
// The engine is bundled into each, so the .vsix needs no node_modules (vsce --no-dependencies).
// And the browser bundles for the webviews:
//   dist/webview/panes.js    the panes (src/webview/main.ts, with @vscode-elements/elements, uPlot and the CSS inlined)
//   dist/webview/compare.js  the mode comparison's charts and table (src/webview/compareMain.ts)
'use strict';
const path = require('path');

/** @type {(name: string, entry: string, file: string) => import('webpack').Configuration} */
const bundle = (name, entry, file) => ({
  name,
  target: 'node20',
  entry,
  output: { path: path.resolve(__dirname, 'dist'), filename: file, libraryTarget: 'commonjs2' },
  externals: { vscode: 'commonjs vscode' },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{
      test: /\.ts$/,
      exclude: /node_modules/,
      // Full type-checking compile (not transpileOnly) so the ISA's const enums are inlined, as tsc does.
      use: [{ loader: 'ts-loader', options: { onlyCompileBundledFiles: true, compilerOptions: { sourceMap: false } } }],
    }],
  },
  // Readable stack traces in bug reports matter more than a few hundred KB.
  optimization: { minimize: false },
  devtool: false,
  performance: { hints: false },
  infrastructureLogging: { level: 'warn' },
  stats: 'errors-warnings',
});

/** @type {import('webpack').Configuration} */
const webview = {
  name: 'webview',
  target: 'web',
  entry: { panes: './src/webview/main.ts', compare: './src/webview/compareMain.ts' },
  output: { path: path.resolve(__dirname, 'dist', 'webview'), filename: '[name].js' },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: [{ loader: 'ts-loader', options: { configFile: path.resolve(__dirname, 'src/webview/tsconfig.json'), onlyCompileBundledFiles: true, compilerOptions: { noEmit: false, sourceMap: false } } }],
      },
      // Stylesheets become strings that main.ts puts in a <style> (no style loader needed).
      { test: /\.css$/, type: 'asset/source' },
    ],
  },
  optimization: { minimize: true },
  devtool: false,
  performance: { hints: false },
  infrastructureLogging: { level: 'warn' },
  stats: 'errors-warnings',
};

module.exports = [
  bundle('extension', './src/extension/extension.ts', 'extension.js'),
  bundle('debugAdapter', './src/debugAdapter/main.ts', 'debugAdapter.js'),
  bundle('compareWorker', './src/extension/compareWorker.ts', 'compareWorker.js'),
  webview,
];
