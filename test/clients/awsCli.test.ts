// The AWS CLI (Debian's /usr/bin/aws, not the pyenv shim) against the engine, checking what it prints.
import { awsCliDriver } from './drivers';
import { defineClientSuite } from './scenarios';

defineClientSuite('awscli', awsCliDriver);
