/**
 * Configuration: the global defaults page, the worker kinds ({@code claude(...)}, {@code command(...)}), the
 * settings one build runs with, and the limits a Jenkinsfile puts on what a plan may choose.
 */
package io.jenkins.plugins.dispatchplan.config;
