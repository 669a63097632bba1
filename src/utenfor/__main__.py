from utenfor.cli import main

main()
