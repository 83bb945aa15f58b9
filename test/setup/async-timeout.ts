/**
 * findBy… and waitFor give up after 1 s by default: a pane test that waits for a whole generation
 * then fails only because other jobs share the machine's two cores. They wait up to 15 s instead
 * (a test that passes still returns as soon as its condition holds).
 */
import { configure } from "@testing-library/dom";

configure({ asyncUtilTimeout: 15_000 });
