import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
describe('smoke', () => { it('works', () => { expect(new MemoryStorage()).to.be.ok; }); });
