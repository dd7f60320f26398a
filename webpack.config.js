// Bundles for the VS Code extension (`npm run package` / vsce). Two Node bundles:
//   dist/extension.js     the extension host side (src/extension), `vscode` left external
//   dist/debugAdapter.js  the debug adapter process (src/debugAdapter/main.ts)
// The engine is bundled into both, so the .vsix needs no node_modules (vsce --no-dependencies).
// And one browser bundle for the panes' webviews:
//   dist/webview/panes.js  src/webview (with @vscode-elements/elements, uPlot and the CSS inlined)
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
  entry: './src/webview/main.ts',
  output: { path: path.resolve(__dirname, 'dist', 'webview'), filename: 'panes.js' },
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
  webview,
];
