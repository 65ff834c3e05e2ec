// A minimal protobuf wire-format reader: just what the KPL aggregate needs (varints and length-delimited
// fields), so the app does not carry a protobuf runtime. Unknown fields are skipped by wire type, as protobuf
// requires; every read is bounds-checked and throws ProtobufError with the byte offset.

export class ProtobufError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'ProtobufError';
  }
}

export interface ProtobufField {
  field: number;
  wireType: number;
  /** For wire type 0 (varint). */
  varint?: bigint;
  /** For wire type 2 (length-delimited): a view into the input, not a copy. */
  bytes?: Uint8Array;
}

export class ProtobufReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint', start);
      const byte = this.buf[this.pos++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufError('varint longer than 10 bytes', start);
    }
  }

  /** The next field, or undefined at the end. */
  next(): ProtobufField | undefined {
    if (this.done) return undefined;
    const at = this.pos;
    const key = this.varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new ProtobufError('field number 0', at);
    switch (wireType) {
      case 0:
        return { field, wireType, varint: this.varint() };
      case 1:
        return this.skip(field, wireType, 8);
      case 2: {
        const length = this.varint();
        if (length > BigInt(this.buf.length - this.pos)) throw new ProtobufError(`length ${length} runs past the end`, this.pos);
        return { field, wireType, bytes: this.take(Number(length)) };
      }
      case 5:
        return this.skip(field, wireType, 4);
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`, at);
    }
  }

  private skip(field: number, wireType: number, n: number): ProtobufField {
    if (this.pos + n > this.buf.length) throw new ProtobufError('truncated fixed-size field', this.pos);
    this.pos += n;
    return { field, wireType };
  }

  private take(n: number): Uint8Array {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
