/** Where an example writes what its user sees: `console.log` in a terminal, a list in tests. */
export type Print = (line: string) => void;
