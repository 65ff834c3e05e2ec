import { useState } from 'react';
import type { AppInfo } from '../../../shared/contract/index';
import { Icon } from '../../components/Icon';
import { Card, Facts } from '../../components/Card';

const transportNames: Record<AppInfo['transport'], string> = {
  electron: 'Desktop app (Electron IPC)',
  websocket: 'Web console (WebSocket on 127.0.0.1)',
  memory: 'In-memory (tests)',
};

const platformNames: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

export function About({ info, problem }: { info: AppInfo | null; problem: string | null }) {
  if (!info) {
    return (
      <Card id="about" title="About">
        <p className={problem ? 'problem' : 'muted'}>{problem ?? 'Asking Shardscope…'}</p>
      </Card>
    );
  }
  return (
    <Card id="about" title="About">
      <Facts
        rows={[
          ['Version', `${info.name} ${info.version}`, 'about-version'],
          ['Data folder', <CopyablePath key="dir" path={info.dataDir} />, 'about-data-dir'],
          ['Transport', transportNames[info.transport], 'about-transport'],
          ['Platform', `${platformNames[info.platform] ?? info.platform} (${info.arch})`, 'about-platform'],
          ['Runtime', runtime(info), 'about-runtime'],
        ]}
      />
    </Card>
  );
}

function runtime(info: AppInfo): string {
  const parts = [`Node ${info.versions.node}`];
  if (info.versions.electron) parts.push(`Electron ${info.versions.electron}`);
  if (info.versions.chrome) parts.push(`Chromium ${info.versions.chrome}`);
  return parts.join(' · ');
}

function CopyablePath({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard
      ?.writeText(path)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      })
      .catch(() => setCopied(false));
  };
  return (
    <span className="copyable">
      <code>{path}</code>
      <button type="button" className="icon-button" onClick={copy} aria-label="Copy the data folder path" title="Copy">
        <Icon name={copied ? 'check' : 'copy'} size={16} />
      </button>
    </span>
  );
}
