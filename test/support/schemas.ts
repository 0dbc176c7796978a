import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import * as fs from 'fs';
import * as path from 'path';
import { opCodes } from '../../tools/client-types/op-codes';

/** client/schemas: the generated JSON Schema files of every RPC and match message. */
export const SCHEMA_DIR = path.join(__dirname, '..', '..', 'client', 'schemas');

// strict off: the x- keywords (rpc id, op code) are annotations; formats off: each uuid also has a pattern.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();

/** The validator of one schema file, by its path under client/schemas (e.g. 'rpc/noop.response'). */
export function validatorOf(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${name}.schema.json`), 'utf8'));
    validate = ajv.compile({ ...schema, $id: undefined });
    compiled.set(name, validate);
  }
  return validate;
}

/** Throws, naming the RPC and each violation, when a response does not match its generated schema. */
export function checkResponse(rpcId: string, response: unknown): void {
  const validate = validatorOf(`rpc/${rpcId}.response`);
  if (!validate(response)) {
    throw new Error(`${rpcId}: the response breaks client/schemas/rpc/${rpcId}.response.schema.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response).slice(0, 2000)}`);
  }
}

/** Throws when a match message does not match its game's schema for the op code. */
export function checkMessage(game: 'quizverse' | 'lasttolive', opCode: number, message: unknown): void {
  const codes = opCodes(game);
  const name = Object.keys(codes).find((n) => codes[n] === opCode);
  if (!name) throw new Error(`${game} has no message schema for op code ${opCode}`);
  const file = `messages/${game}/${name.toLowerCase()}`;
  const validate = validatorOf(file);
  if (!validate(message)) throw new Error(`${game} op ${opCode}: breaks ${file}.schema.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(message).slice(0, 2000)}`);
}
