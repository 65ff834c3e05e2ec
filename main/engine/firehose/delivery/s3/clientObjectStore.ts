// S3 or any S3-compatible endpoint, through the S3 client the connection built.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore } from '../sink';

export function s3ClientObjectStore(client: S3Client): ObjectStore {
  return {
    async putObject(object) {
      await client.send(new PutObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
        ...(object.contentEncoding ? { ContentEncoding: object.contentEncoding } : {}),
      }));
    },
  };
}

/** The bucket name of a BucketARN (`arn:aws:s3:::name`). */
export function bucketName(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(':::') + 3);
}
