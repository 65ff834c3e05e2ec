// Local S3: objects become plain files at `<dataDir>/s3/<bucket>/<key>`, readable by any tool. The key's '/'
// become folders; a key segment that would escape the bucket folder ('..', absolute) is refused.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ObjectStore, StoredObject } from '../sink';

export function objectPath(dataDir: string, bucket: string, key: string): string {
  const bucketDir = resolve(dataDir, 's3', bucket);
  const path = resolve(bucketDir, key);
  if (!path.startsWith(bucketDir + sep)) throw new Error(`The key '${key}' does not name a file inside the bucket folder`);
  return path;
}

export function fileObjectStore(dataDir: string): ObjectStore {
  let counter = 0;
  return {
    async putObject(object: StoredObject) {
      const path = objectPath(dataDir, object.bucket, object.key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader (or a crash) never sees half an object.
      const temp = join(dirname(path), `.${process.pid}-${counter++}.partial`);
      await writeFile(temp, object.body);
      await rename(temp, path);
    },
  };
}
