from drafter.startup import main

main()
