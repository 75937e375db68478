// XEP-0082 date-times compare as instants, never as strings: the archive's
// "…:15Z" sorts after a live "…:15.500Z" by character, though it is earlier.
export const instant = (stamp: string): number => Date.parse(stamp) || 0;
