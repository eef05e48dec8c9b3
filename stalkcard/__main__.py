from stalkcard.cli.main import main

main()
