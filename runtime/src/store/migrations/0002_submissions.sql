-- How many times a job's graph was handed to ComfyUI under a prompt id: a
-- restart re-submits a lost prompt only while this is below the policy's
-- limit.
ALTER TABLE jobs ADD COLUMN submissions INTEGER NOT NULL DEFAULT 0;
