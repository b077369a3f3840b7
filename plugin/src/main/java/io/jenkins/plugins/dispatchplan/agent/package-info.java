/**
 * Work done on an agent: preparing worktrees, running and collecting workers, integrating, reading plans from
 * the repository. The callables run there as {@code MasterToSlaveFileCallable}s and call core.
 */
package io.jenkins.plugins.dispatchplan.agent;
