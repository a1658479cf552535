/**
 * ExpressionAttributeNames / ExpressionAttributeValues of one request element,
 * with the usage tracking DynamoDB applies (undefined and unused placeholders are errors).
 */
import { validateAttributeValue, type AttributeValue } from './attribute-value.js';
import { validationError } from './errors.js';

/** Placeholder resolution shared by all expressions of one request element. */
export class ExpressionContext {
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  /** Validates the placeholder maps like DynamoDB (keys syntax, non-empty, valid values). */
  constructor(
    private readonly names: Record<string, string> | undefined,
    private readonly values: Record<string, AttributeValue> | undefined,
  ) {
    if (names !== undefined) {
      if (Object.keys(names).length === 0) throw validationError('ExpressionAttributeNames must not be empty');
      for (const [key, name] of Object.entries(names)) {
        if (!/^#[0-9A-Za-z_]+$/.test(key)) {
          throw validationError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
        }
        if (typeof name !== 'string' || name.length === 0) {
          throw validationError(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`);
        }
      }
    }
    if (values !== undefined) {
      if (Object.keys(values).length === 0) throw validationError('ExpressionAttributeValues must not be empty');
      for (const [key, value] of Object.entries(values)) {
        if (!/^:[0-9A-Za-z_]+$/.test(key)) {
          throw validationError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
        }
        const problem = validateAttributeValue(value);
        if (problem) {
          throw validationError(`ExpressionAttributeValues contains invalid value: ${problem} for key ${key}`);
        }
      }
    }
  }

  /** The attribute name behind `#alias`. */
  resolveName(alias: string): string {
    const name = this.names?.[alias];
    if (name === undefined) {
      throw validationError(
        `An expression attribute name used in the document path is not defined; attribute name: ${alias}`,
      );
    }
    this.usedNames.add(alias);
    return name;
  }

  /** The value behind `:placeholder`. */
  resolveValue(placeholder: string): AttributeValue {
    const value = this.values?.[placeholder];
    if (value === undefined) {
      throw validationError(
        `An expression attribute value used in expression is not defined; attribute value: ${placeholder}`,
      );
    }
    this.usedValues.add(placeholder);
    return value;
  }

  /** Fails when a supplied name or value was not used by any parsed expression. */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names ?? {}).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
      );
    }
    const unusedValues = Object.keys(this.values ?? {}).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
      );
    }
  }
}
