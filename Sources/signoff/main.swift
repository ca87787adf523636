import SignoffCLI

Signoff.main()
