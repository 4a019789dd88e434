export declare const cacheRoot: string;
export declare function npmPackCached(
  name: string,
  version: string,
  options?: { attempts?: number; timeoutMs?: number; log?: (line: string) => void },
): Promise<string>;
