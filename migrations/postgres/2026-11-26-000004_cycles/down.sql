DROP TABLE cycle_phases;
DROP TABLE review_cycles;
