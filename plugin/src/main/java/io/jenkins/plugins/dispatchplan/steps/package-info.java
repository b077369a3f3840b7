/**
 * The Pipeline steps: one {@code Step} class per step, each with its {@code DescriptorImpl} and {@code Execution},
 * and the plain values they hand back to the Pipeline script (the {@code dispatchPlan} global in the parent
 * package fans those out into stages).
 */
package io.jenkins.plugins.dispatchplan.steps;
