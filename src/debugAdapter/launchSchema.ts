/**
 * The launch request's arguments: the TypeScript type the adapter reads and the JSON schema the
 * extension contributes to package.json (`contributes.debuggers[].configurationAttributes.launch`),
 * which gives launch.json IntelliSense. docs/launch-json.md documents the same fields.
 */

/** One image of a program with several: a hypervisor (V=0) or a guest (V=1) image. */
export interface ProgramImage {
  /** Assembly files assembled and linked together, or one ELF. */
  files: string | string[];
  /** "hypervisor" (default): runs with V=0 (M, HS, U); "guest": runs with V=1 (VS, VU), its addresses are guest-virtual. */
  context?: 'hypervisor' | 'guest';
  /** Physical address the image is moved to ("0x80200000"); default: where it is linked. */
  load?: string | number;
}

/** A VM the built-in VMM boots: its guest kernel runs in VS-mode, as on an SBI firmware. */
export interface VmArguments {
  /** Thread names (vm1/vcpu0), memory references (gva:vm1:0x…) and console commands use it (default vm1, vm2, ...). */
  name?: string;
  /** The guest kernel: an ELF, or assembly files linked at guest-physical addresses (RAM starts at 0x80000000). */
  program: string | string[];
  /** Guest RAM: "1M".."1G" (default "64M"). */
  memory?: string | number;
  /** vCPUs, 1..4 (default 1). */
  vcpus?: number;
  /**
   * How guest-physical memory reaches the hardware: "nested" (the H extension's G stage), "shadow"
   * (trap-and-emulate: the guest kernel runs deprivileged in U-mode, shadow page tables) or
   * "paravirt" (the same, with validated direct paging and Hyperstep's PV SBI extension).
   */
  paging?: 'nested' | 'shadow' | 'paravirt';
  /** Assemble the VM's program previrtualized (sensitive instructions become PV hypercalls); needs "paravirt". */
  previrtualize?: boolean;
  /** "lazy" (default): back guest pages on first touch (a guest-page-fault exit each); "eager": all at boot. */
  mapping?: 'lazy' | 'eager';
}

export interface LaunchArguments {
  /**
   * One ELF executable, or one or more assembly files (.s, .S, .asm) assembled and linked
   * together, or several images (a hypervisor and its guests); the first hypervisor image gives
   * the entry point. Not with `vms`.
   */
  program?: string | string[] | ProgramImage[];
  /** Guest kernels the built-in VMM boots, one VM each (instead of `program`): threads are their vCPUs. */
  vms?: VmArguments[];
  /** Stop at the program's entry point instead of running (default false). */
  stopOnEntry?: boolean;
  /** DRAM size: "128M", "1G", "65536", "0x100000" (default "128M"). */
  memory?: string | number;
  /** Number of harts, 1..8 (default 1). */
  harts?: number;
  /** "none" (default): bare metal in M-mode; "builtin": a built-in SBI serves an S-mode program. */
  sbi?: 'none' | 'builtin';
  /** "spec" (default) or "qemu-7.2": follow QEMU 7.2 where it departs from the privileged spec. */
  compat?: 'spec' | 'qemu-7.2';
  /** Directory relative program paths resolve against (default: the workspace folder / process cwd). */
  cwd?: string;
  /** Record history for stepBack and reverseContinue (default true). */
  timeTravel?: boolean;
  /** Run without debugging (VS Code sets this for Ctrl+F5): breakpoints are ignored. */
  noDebug?: boolean;
  /** Harts implement the hypervisor extension (H): V mode, HS/VS/VU, two-stage translation (default true). */
  hypervisor?: boolean;
}

const ADDRESS_PATTERN = '^\\s*(0x[0-9a-fA-F]+|[0-9]+)\\s*$';

/** JSON schema of the launch attributes (draft-07 subset that VS Code understands). */
export const launchSchema = {
  type: 'object',
  anyOf: [{ required: ['program'] }, { required: ['vms'] }],
  properties: {
    program: {
      description: 'The program: one ELF executable, or assembly source files (.s, .S) that Hyperstep assembles and links, or a list of images (a hypervisor and its guests: [{ "files": ["hyp.s"] }, { "files": ["guest.s"], "context": "guest", "load": "0x80200000" }]). Relative paths resolve against `cwd`.',
      oneOf: [
        { type: 'string' },
        { type: 'array', items: { type: 'string' }, minItems: 1 },
        {
          type: 'array',
          minItems: 1,
          description: 'Images loaded together; the first hypervisor image gives the entry point.',
          items: {
            type: 'object',
            required: ['files'],
            additionalProperties: false,
            properties: {
              files: {
                description: 'Assembly files assembled and linked together into this image, or one ELF.',
                oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
              },
              context: {
                type: 'string',
                enum: ['hypervisor', 'guest'],
                enumDescriptions: [
                  'Runs with V=0 (M, HS, U-mode): breakpoints in its files apply to host addresses.',
                  'Runs with V=1 (VS, VU-mode): breakpoints in its files apply to its guest-virtual (link) addresses.',
                ],
                description: 'Which side of the hypervisor extension the image runs on.',
                default: 'hypervisor',
              },
              load: {
                description: 'Host-physical address to move the image to, like `hyperstep run --image FILE@ADDR` (e.g. a guest linked at guest-physical 0x80000000 loaded at 0x80200000). Default: where it is linked.',
                oneOf: [{ type: 'string', pattern: ADDRESS_PATTERN }, { type: 'integer', minimum: 0, maximum: 4294967295 }],
                default: '0x80200000',
              },
            },
          },
        },
      ],
      default: '${file}',
    },
    vms: {
      description: 'Guest kernels the built-in VMM (HS-mode host code, modelled on KVM) boots, one VM each, instead of "program": each guest starts in VS-mode at its entry with a0 = hart id, a1 = its device tree, as on an SBI firmware. The debugger\'s threads are the vCPUs (vm1/vcpu0, ...).',
      type: 'array',
      minItems: 1,
      maxItems: 16,
      items: {
        type: 'object',
        required: ['program'],
        additionalProperties: false,
        // A previrtualized guest calls the PV extension, which only paravirtual paging has.
        if: { properties: { previrtualize: { const: true } }, required: ['previrtualize'] },
        then: { properties: { paging: { const: 'paravirt' } }, required: ['paging'] },
        properties: {
          name: {
            type: 'string',
            pattern: '^[A-Za-z_][A-Za-z0-9_-]*$',
            description: 'The VM\'s name: threads are NAME/vcpuN, memory references gva:NAME:0x…, and `translate NAME 0x…` in the Debug Console walks its tables. Default vm1, vm2, ...',
          },
          program: {
            description: 'The guest kernel: one ELF, or assembly files (.s, .S) Hyperstep assembles and links at guest-physical addresses (guest RAM starts at 0x80000000). Relative paths resolve against `cwd`.',
            oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
          },
          memory: {
            description: 'Guest RAM, "1M" to "1G" in whole 4 KiB pages.',
            oneOf: [{ type: 'string', pattern: '^\\s*(0x[0-9a-fA-F]+|[0-9]+)\\s*([kKmMgG][iI]?[bB]?)?\\s*$' }, { type: 'integer', minimum: 1048576, maximum: 1073741824 }],
            default: '64M',
          },
          vcpus: { type: 'integer', minimum: 1, maximum: 4, description: 'Virtual CPUs (each a thread in the debugger).', default: 1 },
          paging: {
            type: 'string',
            enum: ['nested', 'shadow', 'paravirt'],
            enumDescriptions: [
              'Nested paging: the VMM keeps a G-stage (Sv32x4) table per VM; the hart walks the guest\'s table and it in two dimensions (V=1).',
              'Shadow paging (trap-and-emulate, no H): the guest kernel runs deprivileged in U-mode with V=0; its privileged instructions and page-table writes trap to the VMM, which keeps shadow tables (GVA -> HPA) the hart walks.',
              'Paravirtual paging: deprivileged as under "shadow", with Xen-style validated direct paging and Hyperstep\'s PV SBI extension (docs/PARAVIRT.md).',
            ],
            description: 'How guest-physical memory reaches the hardware.',
            default: 'nested',
          },
          previrtualize: {
            type: 'boolean',
            description: 'Assemble this VM\'s program previrtualized: each sensitive instruction (supervisor CSR access, sret, sfence.vma, wfi) becomes a `priv` hypercall sequence (docs/PARAVIRT.md). Needs "paging": "paravirt" and assembly sources.',
            default: false,
          },
          mapping: {
            type: 'string',
            enum: ['lazy', 'eager'],
            enumDescriptions: ['Back guest RAM a page at a time on first touch (a VM exit each: a guest page fault under nested paging, a hidden fault under shadow and paravirtual paging).', 'Back all guest RAM at boot.'],
            description: 'When the VMM backs guest RAM with host memory.',
            default: 'lazy',
          },
        },
      },
    },
    stopOnEntry: {
      type: 'boolean',
      description: 'Stop at the program entry point instead of running.',
      default: false,
    },
    memory: {
      description: 'DRAM size, e.g. "128M", "1G", "0x100000" (bytes). A multiple of 4 KiB, at most 2G.',
      oneOf: [{ type: 'string', pattern: '^\\s*(0x[0-9a-fA-F]+|[0-9]+)\\s*([kKmMgG][iI]?[bB]?)?\\s*$' }, { type: 'integer', minimum: 4096 }],
      default: '128M',
    },
    harts: {
      type: 'integer',
      minimum: 1,
      maximum: 8,
      description: 'Number of harts (CPUs). Each hart is a thread in the debugger.',
      default: 1,
    },
    sbi: {
      type: 'string',
      enum: ['none', 'builtin'],
      enumDescriptions: [
        'Bare metal: the program starts in M-mode at its entry point (like qemu -bios none).',
        'A built-in SBI firmware runs in M-mode and starts the program in S-mode.',
      ],
      description: 'Firmware: none (bare metal, M-mode) or a built-in SBI (S-mode program).',
      default: 'none',
    },
    compat: {
      type: 'string',
      enum: ['spec', 'qemu-7.2'],
      enumDescriptions: [
        'Follow the RISC-V privileged specification.',
        'Follow QEMU 7.2 where it departs from the specification.',
      ],
      description: 'Machine behaviour where the spec and QEMU 7.2 disagree.',
      default: 'spec',
    },
    cwd: {
      type: 'string',
      description: 'Directory that relative program paths resolve against.',
      default: '${workspaceFolder}',
    },
    timeTravel: {
      type: 'boolean',
      description: 'Record execution history so Step Back and Reverse Continue work (exact, by re-execution).',
      default: true,
    },
    hypervisor: {
      type: 'boolean',
      description: 'Harts implement the hypervisor extension (H): V mode, HS/VS/VU-mode, the H and VS CSRs, two-stage translation. false: a hart without H.',
      default: true,
    },
  },
} as const;

/** The snippet the extension offers for a new launch.json entry. */
export const launchSnippet = {
  label: 'Hyperstep: Debug assembly',
  description: 'Assemble the current file and debug it on the RISC-V virt machine',
  body: {
    type: 'hyperstep',
    request: 'launch',
    name: 'Debug ${1:program}',
    program: '^"\\${file}"',
    stopOnEntry: true,
  },
} as const;

/** The snippet for a guest kernel under the built-in VMM (package.json carries it too). */
export const vmmSnippet = {
  label: 'Hyperstep: debug a guest kernel under the built-in VMM',
  description: 'Boot a VS-mode guest kernel in a VM of the built-in VMM; stop at VM exits with the exception filters (MMIO access, SBI call, ...) and step through their handling.',
  body: {
    type: 'hyperstep',
    request: 'launch',
    name: 'Hyperstep: ${1:guest} under the VMM',
    vms: [
      { name: '${2:vm1}', program: '^"\\${workspaceFolder}/${3:guest.s}"', memory: '${4:64M}', vcpus: 1, paging: 'nested' },
    ],
    stopOnEntry: true,
  },
} as const;

/** The snippet for a guest under shadow paging (package.json carries it too). */
export const shadowSnippet = {
  label: 'Hyperstep: debug a guest kernel under shadow paging',
  description: 'Run a guest kernel deprivileged (U-mode, V=0) with shadow page tables; stop at its privileged instructions, hidden faults and page-table writes with the exception filters.',
  body: {
    type: 'hyperstep',
    request: 'launch',
    name: 'Hyperstep: ${1:guest} under shadow paging',
    vms: [
      { name: '${2:vm1}', program: '^"\\${workspaceFolder}/${3:guest.s}"', memory: '${4:64M}', vcpus: 1, paging: 'shadow' },
    ],
    stopOnEntry: true,
  },
} as const;

/** The snippet for a previrtualized guest under paravirtual paging (package.json carries it too). */
export const paravirtSnippet = {
  label: 'Hyperstep: debug a previrtualized guest kernel under paravirtual paging',
  description: 'Assemble a guest kernel previrtualized (sensitive instructions become PV hypercalls) and run it under paravirtual paging; stop at its hypercalls with the "paravirtual hypercall" filter.',
  body: {
    type: 'hyperstep',
    request: 'launch',
    name: 'Hyperstep: ${1:guest} under paravirtual paging',
    vms: [
      { name: '${2:vm1}', program: '^"\\${workspaceFolder}/${3:guest.s}"', memory: '${4:64M}', vcpus: 1, paging: 'paravirt', previrtualize: true },
    ],
    stopOnEntry: true,
  },
} as const;

/** The snippet for a hypervisor and its guest in one session (package.json carries it too). */
export const hypervisorSnippet = {
  label: 'Hyperstep: debug a hypervisor and its guest',
  description: 'Assemble an HS-mode hypervisor and a VS-mode guest loaded at 0x80200000; breakpoints in either file stop in its context.',
  body: {
    type: 'hyperstep',
    request: 'launch',
    name: 'Hyperstep: ${1:hypervisor + guest}',
    program: [
      { files: ['^"\\${workspaceFolder}/${2:hyp.s}"'], context: 'hypervisor' },
      { files: ['^"\\${workspaceFolder}/${3:guest.s}"'], context: 'guest', load: '${4:0x80200000}' },
    ],
    stopOnEntry: true,
  },
} as const;
