// A minimal typed listener set: the manager emits, the rpc layer forwards.
export class Listeners<T> {
  private readonly set = new Set<(event: T) => void>();

  add(listener: (event: T) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  emit(event: T): void {
    // A throwing listener must not stop the others or the manager's own work.
    for (const listener of [...this.set]) {
      try {
        listener(event);
      } catch (error) {
        console.error('connections listener failed', error);
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
