/** A query the store cannot answer because of one bad parameter; the API turns it into a 400 naming it. */
export class QueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
