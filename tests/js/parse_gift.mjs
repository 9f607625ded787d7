// Parse a GIFT file with gift-pegjs (an independent implementation) and print the questions as JSON.
// Usage: node parse_gift.mjs FILE.gift   — exit 2 with the parser's message when the file is not valid GIFT.
import { readFileSync } from "node:fs";
import gift from "gift-pegjs";

const text = readFileSync(process.argv[2], "utf8");
try {
  process.stdout.write(JSON.stringify(gift.parse(text)));
} catch (error) {
  const where = error.location ? `${error.location.start.line}:${error.location.start.column}: ` : "";
  process.stderr.write(`${where}${error.message}\n`);
  process.exit(2);
}
