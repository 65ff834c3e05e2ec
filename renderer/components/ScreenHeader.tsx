/** The screen's title; App moves focus here after a keyboard shortcut, so keyboard users land on the new screen. */
export function ScreenHeader({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <header className="screen-header">
      <h1 id="screen-title" tabIndex={-1}>
        {title}
      </h1>
      <p>{subtitle}</p>
    </header>
  );
}
