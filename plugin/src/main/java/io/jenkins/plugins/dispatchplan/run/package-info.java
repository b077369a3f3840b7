/**
 * What a build keeps and shows: the schedule saved with the build (so it survives a restart), the per-workstream
 * and integration records, and the run page ({@code DispatchPlanAction}) drawn from them.
 */
package io.jenkins.plugins.dispatchplan.run;
