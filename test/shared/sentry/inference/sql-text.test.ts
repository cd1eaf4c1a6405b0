import { expect, it } from 'vitest';
import { looksLikeSql } from '../../../../shared/sentry/inference/sql-text.js';

it.each([
  ['SELECT id, name FROM users WHERE id = 1', true],
  ['select 1', true],
  ['select count(*) from "users"', true],
  ['INSERT INTO users (name) VALUES ($1)', true],
  ['update users set name = ? where id = ?', true],
  ['DELETE FROM sessions WHERE expires < now()', true],
  ['create table if not exists users (id int)', true],
  ['CREATE UNIQUE INDEX users_email ON users (email)', true],
  ['WITH recent AS (SELECT 1) SELECT * FROM recent', true],
  ['/* migration */ ALTER TABLE users ADD COLUMN x int', true],
  ['BEGIN', true],
  ['select users', false],
  ['pg.query:SELECT shop', false],
  ['GET /users/:id', false],
  ['selection of items', false],
  ['update cache', false],
  ['', false],
] as const)('%s → %s', (name, expected) => {
  expect(looksLikeSql(name)).toBe(expected);
});
