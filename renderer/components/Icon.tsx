// Line icons drawn for Shardscope, 20×20, stroked in the current text colour.
import type { ReactElement } from 'react';

export type IconName = 'streams' | 'tail' | 'reshard' | 'firehose' | 'analytics' | 'metrics' | 'settings' | 'logo' | 'copy' | 'check';

const paths: Record<IconName, ReactElement> = {
  streams: (
    <>
      <path d="M3 6h14M3 10h14M3 14h14" />
      <circle cx="7" cy="6" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="12" cy="10" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="9" cy="14" r="1.2" fill="currentColor" stroke="none" />
    </>
  ),
  tail: (
    <>
      <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
      <path d="M5.5 8l2.5 2-2.5 2M10 12.5h4.5" />
    </>
  ),
  reshard: <path d="M3 10h5l4-5h5M8 10l4 5h5M14.5 2.5L17 5l-2.5 2.5M14.5 12.5L17 15l-2.5 2.5" />,
  firehose: (
    <>
      <path d="M2.5 6.5h8a3 3 0 0 1 3 3v0a3 3 0 0 0 3 3h1" />
      <path d="M2.5 10.5h5M2.5 14.5h8" />
      <path d="M15 9.5l2.5 3-2.5 3" />
    </>
  ),
  analytics: (
    <>
      <circle cx="8.5" cy="8.5" r="5" />
      <path d="M12.2 12.2l4.8 4.8M6.5 8.5h4M8.5 6.5v4" />
    </>
  ),
  metrics: <path d="M3 16.5h14M4 13l3.5-4 3 2.5L16 5" />,
  settings: (
    <>
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
    </>
  ),
  logo: (
    <>
      <path d="M3 5.5h9M3 10h14M3 14.5h11" strokeWidth="2.2" />
      <circle cx="15.5" cy="5.5" r="1.6" fill="currentColor" stroke="none" />
    </>
  ),
  copy: (
    <>
      <rect x="7" y="7" width="10" height="10" rx="1.8" />
      <path d="M13 7V4.8A1.8 1.8 0 0 0 11.2 3H4.8A1.8 1.8 0 0 0 3 4.8v6.4A1.8 1.8 0 0 0 4.8 13H7" />
    </>
  ),
  check: <path d="M4 10.5l4 4 8-9" />,
};

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}
