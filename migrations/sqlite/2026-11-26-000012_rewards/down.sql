DROP TABLE reward_nominations;
DROP TABLE emulation_registrations;
