import { createOperationId, isValidOperationType } from './operation-id';

describe('createOperationId', () => {
  it('formats op_{type}_{YYYYMMDD_HHMMSS}_{8 hex} in UTC', () => {
    const id = createOperationId('data_load', new Date('2025-03-04T05:06:07.890Z'));
    expect(id).toMatch(/^op_data_load_20250304_050607_[0-9a-f]{8}$/);
  });

  it('gives different ids within the same second', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 1000 }, () => createOperationId('dummy', now)));
    expect(ids.size).toBe(1000);
  });
});

describe('isValidOperationType', () => {
  it.each(['dummy', 'data_load', 'training2'])('accepts %s', (type) => {
    expect(isValidOperationType(type)).toBe(true);
  });
  it.each(['', 'Data', 'data-load', '_x', '1x', 'a b'])('refuses %p', (type) => {
    expect(isValidOperationType(type)).toBe(false);
  });
});
