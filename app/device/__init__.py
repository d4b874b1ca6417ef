"""Device features behind small interfaces (biometrics, camera and files, location): the real
Flet extensions are wired in app/, tests use fakes with the same methods."""
