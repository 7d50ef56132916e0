// Types of build/native.mjs's pure helpers, for the unit tests.
export declare const DIST_ARCHES: Record<string, string[]>;
export declare function nativeFolderName(electronVersion: string, platform: string, arch: string): string;
export declare function detectNodeAbi(bytes: Uint8Array): number | null;
export declare function detectArch(bytes: Uint8Array): string | null;
export declare function parseArgs(
  argv: string[],
  host?: { platform: string; arch: string },
): { platform: string; arches: string[] };
export declare function isUpToDate(
  dir: string,
  expected: { electron: string; betterSqlite3: string; platform: string; arch: string },
): boolean;
export declare function toolEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function main(argv?: string[]): void;
