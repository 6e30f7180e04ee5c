import { stripVTControlCharacters } from 'node:util';
import { OperationContext, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { ContextLogger } from './context-logger';
import { RequestContext } from './request-context';

describe('ContextLogger', () => {
  const operations = new OperationContext();
  const logger = new ContextLogger(operations);
  let lines: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    lines = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(stripVTControlCharacters(String(chunk)));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  // Only the fields the logger reads: a real run context also has a token and a reporter.
  const inOperation = <T>(operationId: string, fn: () => T): T =>
    operations.run({ operationId } as OperationRunContext, fn);

  it('prefixes the request id and the operation id where they are known', async () => {
    logger.log('outside', 'Spec');
    RequestContext.run('req-1', () => logger.log('in a request', 'Spec'));
    await inOperation('op_dummy_1', async () => {
      await Promise.resolve();
      logger.log('in an operation', 'Spec');
    });
    RequestContext.run('req-2', () =>
      inOperation('op_dummy_2', () => logger.warn('in both', 'Spec')),
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).not.toMatch(/\[request |\[operation /);
    expect(lines[1]).toContain('[request req-1] in a request');
    expect(lines[1]).not.toContain('[operation ');
    expect(lines[2]).toContain('[operation op_dummy_1] in an operation');
    expect(lines[3]).toContain('[request req-2] [operation op_dummy_2] in both');
  });

  it('works without the async infrastructure (a host app)', () => {
    RequestContext.run('req-3', () => new ContextLogger().log('hello', 'Spec'));
    expect(lines[0]).toContain('[request req-3] hello');
  });
});
