import builtinRules from 'leakless:builtin-rules';
import { Engine } from '../core';

const engine = new Engine(builtinRules);
console.log(`${engine.rules.length} rules`);
