export { createJobRunner, LEASE_NAME, type Job, type JobRunner } from './job-runner.js';
