from stalkcard.cli import main

main()
