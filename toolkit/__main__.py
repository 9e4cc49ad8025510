from textkit.cli import main

main()
