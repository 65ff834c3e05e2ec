// The one-line Node notice that replaces the AWS SDK's eight-line warning.
import { describe, expect, it } from 'vitest';
import { nodeSupportNotice, RECOMMENDED_NODE_MAJOR } from '../../main/cli/nodeSupport';

describe('nodeSupportNotice', () => {
  it('says once, in one line, what is supported and recommended on an older Node', () => {
    const notice = nodeSupportNotice('v20.20.2');
    expect(notice).toBe(`Node v20.20.2: Shardscope supports Node 20.19 and later; Node ${RECOMMENDED_NODE_MAJOR} or later is recommended.`);
    expect(notice).not.toContain('\n');
  });

  it('says nothing on the recommended Node', () => {
    expect(nodeSupportNotice(`v${RECOMMENDED_NODE_MAJOR}.1.0`)).toBeUndefined();
  });

  it('turns the SDK warning off through its documented switch', () => {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    nodeSupportNotice('v24.0.0');
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
  });
});
