// Whether a name is a raw SQL statement (what a database span's description is, and so the name of the
// transaction it becomes when it has no parent). Instrumentations' own span names ("select users",
// "pg.query:SELECT shop") are short summaries and must not match: only statement shapes do.
const SQL_STATEMENT =
  /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:select\s[\s\S]*?\bfrom\s|select\s+(?:\d|\*|'|"|\w+\s*\()|insert\s+(?:or\s+\w+\s+)?into\s|update\s+\S+\s+set\s|delete\s+from\s|(?:create|alter|drop)\s+(?:(?:temporary|temp|unique|or\s+replace)\s+)*(?:table|index|view|schema|database|sequence|trigger|function|procedure|extension)\b|with\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s*\(|truncate\s|pragma\s|merge\s+into\s|(?:begin|commit|rollback)(?:\s+transaction)?\s*;?\s*$)/i;

export function looksLikeSql(name: string): boolean {
  return SQL_STATEMENT.test(name);
}
