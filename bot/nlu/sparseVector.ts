// Utterances are a few dozen features out of tens of thousands: every vector is stored sparse.
export interface SparseVector {
    readonly indices: Int32Array;
    readonly values: Float32Array;
}
