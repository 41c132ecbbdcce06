DROP TABLE plan_tasks;
