# The acts the rules come from (regulation/profiles.py: seeds 000, 001, 002 and 004), by their
# names: an official reads "<act>, clause 3.3", never a seed number.
act-000 = Prime Minister's Order No. 20-ө implementing Presidential Decree No. 190 of 5 February 2016 (as worded by Order No. 73-ө of 21 May 2020)
act-001 = Presidential Decree "On akims' meetings with the population" (submitted by Government Resolution No. 91 of 25 February 2022)
act-002 = Presidential Decree "On akims' reporting meetings with the population" (in force from 1 October 2013)
act-004 = Methodology for collecting and evaluating public feedback (Order No. 17-НҚ of the Minister of Culture and Information of 16 January 2024)
