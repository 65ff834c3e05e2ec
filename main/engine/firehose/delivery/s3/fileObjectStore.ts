// Local S3: objects become plain files at `<dataDir>/s3/<bucket>/<key>`, readable by any tool. The key's '/'
// become folders; a key segment that would escape the bucket folder ('..', absolute) is refused.
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ObjectStore, StoredObject } from '../sink';

export function objectPath(dataDir: string, bucket: string, key: string): string {
  const bucketDir = resolve(dataDir, 's3', bucket);
  const path = resolve(bucketDir, key);
  if (!path.startsWith(bucketDir + sep)) throw new Error(`The key '${key}' does not name a file inside the bucket folder`);
  return path;
}

const PARTIAL = '.partial';
const PARTIAL_NAME = /^\.\d+-\d+\.partial$/;

/**
 * Removes the temporary files of writes a killed process left under `<dataDir>/s3` (a SIGKILL between the write
 * and the rename), so the bucket folders hold only whole objects. Their records were not settled, so they are
 * delivered again. Call it before this process writes anything; it returns the paths it removed.
 */
export function removeInterruptedWrites(dataDir: string): string[] {
  const root = join(dataDir, 's3');
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !PARTIAL_NAME.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

export function fileObjectStore(dataDir: string): ObjectStore {
  let counter = 0;
  return {
    async putObject(object: StoredObject) {
      const path = objectPath(dataDir, object.bucket, object.key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader (or a crash) never sees half an object.
      const temp = join(dirname(path), `.${process.pid}-${counter++}${PARTIAL}`);
      await writeFile(temp, object.body);
      await rename(temp, path);
    },
  };
}
