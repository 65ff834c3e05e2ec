// boto3 (Debian's python3-boto3 under /usr/bin/python3) against the engine, checking what it returns.
import { boto3Driver } from './drivers';
import { defineClientSuite } from './scenarios';

defineClientSuite('boto3', boto3Driver);
