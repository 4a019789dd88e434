export declare const DIRECTORY_PACKAGE: string;
export declare const DIRECTORY_VERSION: string;
export declare function fetchDirectory(options?: { log?: (line: string) => void; timeoutMs?: number }): Promise<string>;
export declare function listDirectorySpecs(api: string): { id: string; file: string }[];
