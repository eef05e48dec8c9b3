from stalkcard import main

main()
