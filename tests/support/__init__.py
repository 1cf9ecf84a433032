"""What the tests share: the test dossiers, the app driven with Pilot, fixture files made at test time."""
