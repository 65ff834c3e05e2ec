// The Tail screen's actions, as the keyboard, the command palette and the buttons all reach them.
export interface TailActions {
  /** Start the tail with the form's settings (with the account id typed, for fan-out on AWS). */
  begin(confirmAccountId?: string): void;
  /** Start when stopped, stop when running. */
  toggle(): void;
  togglePause(): void;
  /** Select the row at this absolute buffer position, if it is still held. */
  select(position: number): void;
  copyPermalink(): void;
  focusFilter(): void;
  /** Say something above the timeline (null clears it). */
  notify(notice: string | null): void;
}
