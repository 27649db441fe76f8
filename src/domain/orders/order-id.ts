// Order ids a person can read out over the phone: "FA-" and six characters without 0/O or 1/I.
import { randomInt } from 'node:crypto';
import { z } from 'zod';

/** Digits and capitals minus 0, O, 1 and I, which people mix up when reading or typing. */
export const ORDER_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ID_LENGTH = 6;
const PREFIX = 'FA-';

export const OrderId = z
  .string()
  .regex(new RegExp(`^${PREFIX}[${ORDER_ID_ALPHABET}]{${ID_LENGTH}}$`), 'must look like FA-7K3Q9M');

export function newOrderId(): string {
  let id = PREFIX;
  for (let i = 0; i < ID_LENGTH; i++) id += ORDER_ID_ALPHABET.charAt(randomInt(ORDER_ID_ALPHABET.length));
  return id;
}

/** The id as users type it ("fa 7k3q9m", "7K3Q9M", "FA–7K3Q9M") in normal form, or undefined. */
export function normaliseOrderId(text: string): string | undefined {
  const compact = text.normalize('NFKC').toUpperCase().replace(/[\s\-–—_]/g, '');
  const body = compact.startsWith('FA') && compact.length === ID_LENGTH + 2 ? compact.slice(2) : compact;
  const id = `${PREFIX}${body}`;
  return OrderId.safeParse(id).success ? id : undefined;
}
