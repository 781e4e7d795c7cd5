"""The people and places of the demo newsroom, Caucasus Dispatch. All people are fictional."""

REGIONS = [
    {
        "slug": "georgia",
        "name": "Georgia",
        "nav_order": 10,
        "description": "Politics, economy and daily life from Tbilisi to the Black Sea coast "
        "and the high valleys of Svaneti and Tusheti.",
    },
    {
        "slug": "armenia",
        "name": "Armenia",
        "nav_order": 20,
        "description": "Reporting from Yerevan and the regions: reform, the economy, the families "
        "who arrived from Nagorno-Karabakh, and the long border.",
    },
    {
        "slug": "azerbaijan",
        "name": "Azerbaijan",
        "nav_order": 30,
        "description": "Baku and beyond: energy, the Caspian coast, rebuilding, and the lives "
        "of people far from the capital.",
    },
    {
        "slug": "abkhazia",
        "name": "Abkhazia",
        "nav_order": 40,
        "description": "Sukhumi, Gali and the coast: electricity, pensions, the tangerine "
        "harvest and the crossing at the Enguri bridge.",
    },
    {
        "slug": "south-ossetia",
        "name": "South Ossetia",
        "nav_order": 50,
        "description": "Tskhinvali and the villages along the dividing line, where farming, "
        "family visits and a school year all depend on a crossing.",
    },
    {
        "slug": "nagorno-karabakh",
        "name": "Nagorno-Karabakh",
        "nav_order": 60,
        "description": "What happened to the people, the archives and the memory of Karabakh, "
        "and the questions about return, property and heritage that remain open.",
    },
    {
        "slug": "north-caucasus",
        "name": "North Caucasus",
        "nav_order": 70,
        "description": "Dagestan, Chechnya, Ingushetia, North Ossetia, Kabardino-Balkaria and "
        "Karachay-Cherkessia: mountains, mosques, migration and the economy of the south.",
    },
]

AUTHORS = [
    {
        "slug": "tamar-gelashvili",
        "name": "Tamar Gelashvili",
        "role": "Tbilisi correspondent",
        "bio": "Tamar has covered Georgian politics, courts and the city of Tbilisi for a decade. "
        "Before joining Caucasus Dispatch she worked on a regional radio station in Kutaisi.",
    },
    {
        "slug": "aram-hovsepyan",
        "name": "Aram Hovsepyan",
        "role": "Yerevan correspondent",
        "bio": "Aram writes about Armenia's economy, its regions and the families who arrived "
        "from Nagorno-Karabakh. He grew up in Gyumri and still goes back every month.",
    },
    {
        "slug": "leyla-mammadli",
        "name": "Leyla Mammadli",
        "role": "Baku correspondent",
        "bio": "Leyla reports on energy, the Caspian coast and life outside the capital. She "
        "studied engineering before she studied journalism, which the oil companies regret.",
    },
    {
        "slug": "saida-kvitsinia",
        "name": "Saida Kvitsinia",
        "role": "Sukhumi contributor",
        "bio": "Saida writes about Abkhazia's economy and society: pensions, power cuts, schools "
        "and the people who cross the Enguri bridge every day.",
    },
    {
        "slug": "madina-kochieva",
        "name": "Madina Kochieva",
        "role": "Tskhinvali and Vladikavkaz contributor",
        "bio": "Madina covers South Ossetia and North Ossetia, with a particular interest in "
        "families divided by the line and in village schools.",
    },
    {
        "slug": "gayane-avetisyan",
        "name": "Gayane Avetisyan",
        "role": "Reporter, displacement and memory",
        "bio": "Gayane follows the lives of people displaced from Nagorno-Karabakh: housing, "
        "work, archives and the question of what can be kept.",
    },
    {
        "slug": "murad-gadzhiev",
        "name": "Murad Gadzhiev",
        "role": "North Caucasus correspondent",
        "bio": "Murad is based in Makhachkala and reports across the North Caucasus on labour "
        "migration, religion, sport and the mountain economy.",
    },
    {
        "slug": "giorgi-lomidze",
        "name": "Giorgi Lomidze",
        "role": "Economy and data reporter",
        "bio": "Giorgi turns budgets, tariffs and trade statistics into stories about prices "
        "people pay. He keeps the newsroom's spreadsheets in order.",
    },
    {
        "slug": "sevil-huseynova",
        "name": "Sevil Huseynova",
        "role": "Environment reporter",
        "bio": "Sevil covers water, climate, mining and the Caspian. She spends as much time in "
        "river valleys as in ministry briefings.",
    },
    {
        "slug": "helen-marsh",
        "name": "Helen Marsh",
        "role": "Regional editor",
        "bio": "Helen edits the newsroom's regional coverage and writes occasional analysis. "
        "She has reported from the South Caucasus since the early 2000s.",
    },
]

# Fictional photographers; the credit line on the page reads "Photo: <credit>".
PHOTOGRAPHERS = [
    "Levan Abashidze",
    "Anahit Grigoryan",
    "Rauf Kerimov",
    "Dato Mchedlishvili",
    "Ruslan Batyrov",
    "Lusine Harutyunyan",
    "Caucasus Dispatch",
    "press service",
]

LICENCES = {
    "press service": "Handout; may be used with credit",
    "Caucasus Dispatch": "All rights reserved",
}
DEFAULT_LICENCE = "All rights reserved; used under licence"

TAGS = [
    "elections",
    "parliament",
    "courts",
    "economy",
    "prices",
    "trade",
    "energy",
    "electricity",
    "environment",
    "water",
    "climate",
    "mining",
    "agriculture",
    "wine",
    "tourism",
    "transport",
    "roads",
    "railways",
    "migration",
    "displaced people",
    "border",
    "peace talks",
    "culture",
    "music",
    "film",
    "history",
    "memory",
    "education",
    "health",
    "media",
    "civil society",
    "housing",
    "sport",
    "football",
    "wrestling",
    "youth",
]

# Hand-written building blocks per topic: section headings and background paragraphs that
# fit any story of that topic, mixed with each story's own reporting.
TOPICS = {
    "politics": {
        "headings": ["How the vote came about", "What the opposition says", "What happens next"],
        "background": [
            "Procedural fights of this kind have become a familiar part of the region's "
            "politics. Committee meetings run late into the night, and the decisive changes are "
            "often made in the second reading, when fewer people are watching.",
            "Civil society groups say the problem is less the substance of any one bill than the "
            "speed: drafts are published days before a vote, leaving little time for the public "
            'consultations that the law formally requires. A <a href="https://example.org/'
            'reports/consultation-tracker">tracker kept by a group of lawyers</a> counts dozens '
            "of such cases in the past two years.",
            "Diplomats in the capital have been careful in public. Privately, several said they "
            "were watching how the new rules are applied rather than how they are worded.",
            "For most voters the debate feels distant. Surveys put prices, jobs and pensions far "
            "ahead of institutional questions, although trust in parliament itself remains low.",
        ],
    },
    "economy": {
        "headings": ["Where the money goes", "The numbers behind it", "Who pays"],
        "background": [
            "Small businesses say the real constraint is credit. Loans in local currency carry "
            "interest rates that make most investments in equipment or premises hard to justify, "
            "and loans in foreign currency carry a different kind of risk.",
            "Remittances still keep many households afloat. In some districts, money sent home by "
            "relatives working abroad is worth more than all local wages combined, according to "
            'estimates in <a href="https://example.org/data/remittances">a study published last '
            "year</a>.",
            "Economists point out that headline growth figures say little about the regions. "
            "Most new jobs are created in the capital, while villages continue to lose young "
            "people to the city or to work abroad.",
            "Prices remain the first concern in every survey. Bread, cooking oil and heating have "
            "all become noticeably more expensive, and wages have only partly kept pace.",
        ],
    },
    "environment": {
        "headings": ["What the data show", "A landscape under pressure", "What residents want"],
        "background": [
            "Environmental assessments in the region are often commissioned and paid for by the "
            "developer, and published, if at all, in a form few residents can read. Activists "
            "have long asked for independent reviews before construction begins.",
            "Climate data from mountain stations show winters getting shorter and glaciers "
            "retreating faster than the models of twenty years ago assumed. Farmers downstream "
            "notice it first: the spring flood comes earlier and the summer flow is thinner.",
            "Inspectors are few and poorly paid. One former official said a single inspector "
            'could be responsible for hundreds of sites, and that <a href="https://example.org/'
            'reports/inspections">fines are so low</a> that paying them is often cheaper than '
            "complying.",
            "Residents have become better at documenting problems themselves: phone videos of "
            "discoloured water or dust clouds now circulate within hours and regularly force "
            "officials to respond.",
        ],
    },
    "energy": {
        "headings": ["Supply and demand", "The price of power", "What the grid can take"],
        "background": [
            "The region's power systems were built for a different economy, and much of the "
            "equipment is older than the engineers who maintain it. Losses in the distribution "
            "network remain high, especially in winter.",
            "Hydropower supplies most of the electricity in good years, but a dry autumn or a "
            "cold January quickly turns a surplus into imports. Planners have spent a decade "
            "promising more storage and more interconnection.",
            "Tariffs are a political question as much as an economic one. Regulators have "
            'approved <a href="https://example.org/data/tariffs">several increases</a> in '
            "recent years, each accompanied by subsidies for the poorest households.",
            "Solar panels are appearing on the roofs of schools, shops and village houses, helped "
            "by falling prices and simpler connection rules, though they remain a small share "
            "of the total.",
        ],
    },
    "transport": {
        "headings": ["The road ahead", "Delays and costs", "Who uses the route"],
        "background": [
            "Roads in the mountains are expensive to build and even more expensive to keep "
            "open. Landslides close some sections every spring, and avalanche protection lags "
            "years behind the plans.",
            "Freight traffic through the region has grown sharply as trade routes shifted, and "
            "the queues of lorries at border crossings have become a permanent feature of the "
            "landscape.",
            "Public transport outside the capitals relies largely on privately run minibuses, "
            'whose timetables and fares change with little notice. <a href="https://example.org/'
            'reports/minibus-survey">A survey of passengers</a> found most would pay more for a '
            "reliable service.",
            "Railway officials say modernisation has been slowed less by money than by land "
            "disputes and the difficulty of closing lines for works that carry freight every day.",
            "In the capitals, Soviet-built metro systems still carry most commuters. New trains "
            "and buses have arrived in recent years, but stations, tunnels and depots need "
            "investment that city budgets struggle to find.",
        ],
    },
    "migration": {
        "headings": ["Leaving and returning", "A new start", "The paperwork"],
        "background": [
            "Labour migration has shaped the region for three decades. Whole villages now "
            "depend on seasonal work abroad, and the rhythm of departures in spring and returns "
            "in autumn sets the calendar of weddings and repairs.",
            "Those who return bring savings and skills, but often find little use for either. "
            "Programmes to help returnees start businesses exist on paper, and reach only a few "
            "hundred people a year.",
            "Rules on residence and work permits change frequently, and lawyers say many migrants "
            'learn about new requirements only at the border. <a href="https://example.org/guides/'
            'residence">A guide published by a legal aid group</a> has been downloaded thousands '
            "of times.",
            "Sociologists describe a generation that has grown up with one parent abroad, raised "
            "by grandparents and connected to the absent parent mostly through video calls.",
        ],
    },
    "displacement": {
        "headings": ["A roof, for now", "What was left behind", "The long wait"],
        "background": [
            "Housing remains the hardest problem for displaced families. Rent subsidies help, "
            "but they were designed as temporary support and many recipients fear what will "
            "happen when they end.",
            "Many of those who left brought almost nothing: documents, a few photographs, "
            "sometimes a family icon or a bag of seeds. Volunteers have begun recording the "
            "stories attached to such objects before they are lost.",
            "Aid organisations say the first emergency phase is over and the harder one has "
            "begun: finding stable work, schools for children and care for older people, many of "
            'whom <a href="https://example.org/reports/displaced-elderly">live alone</a>.',
            "For some, the question of return is not a political slogan but a practical one "
            "about property deeds, graves and the houses they still hold keys to.",
        ],
    },
    "culture": {
        "headings": ["Behind the scenes", "A new audience", "Keeping it alive"],
        "background": [
            "Cultural institutions in the region survive on small budgets and large ambitions. "
            "Theatres are often full, but ticket prices are kept low, and salaries lower still.",
            "Younger artists increasingly work across borders, with collaborators in "
            "neighbouring countries whose governments barely speak to each other.",
            "Archivists warn that much of the region's twentieth-century culture survives only "
            "on fragile tape and film. Digitisation projects exist, but at the current pace "
            'they would take decades; <a href="https://example.org/archives/catalogue">a '
            "public catalogue</a> lists what has been done so far.",
            "Festivals have become a way for small towns to be seen. A weekend of concerts or "
            "films can fill every guesthouse in the district.",
        ],
    },
    "society": {
        "headings": ["Everyday life", "What families say", "Between rules and reality"],
        "background": [
            "Public services in rural areas are stretched thin. Village clinics share doctors, "
            "schools share teachers, and a single bus connects both to the district centre.",
            "Surveys show trust in institutions is low but trust in neighbours and relatives "
            "high, and much of daily life is still organised through informal networks.",
            "Young people are more likely than their parents to volunteer, and more likely to "
            'leave. <a href="https://example.org/data/youth-survey">A youth survey</a> found '
            "nearly half would move abroad if they could.",
            "Local activists say small, concrete campaigns about a bus stop, a playground or "
            "a school roof have done more for civic life than any national programme.",
        ],
    },
    "history": {
        "headings": ["What the documents show", "Memory and place", "Who gets to remember"],
        "background": [
            "Historians in the region work with archives that are scattered, incomplete and "
            "sometimes closed. Many documents ended up in Moscow, others were lost in the wars "
            "of the 1990s.",
            "Oral history projects have tried to fill the gaps, recording the memories of "
            "people who lived through deportations, collectivisation and the collapse of the "
            "Soviet Union before it is too late.",
            "Monuments are contested everywhere. The same event can be commemorated on one side "
            "of a border and erased on the other, and school textbooks rarely agree on dates, "
            'let alone meanings. <a href="https://example.org/reports/textbooks">A comparison '
            "of history textbooks</a> found few shared chapters.",
            "Museums have started to collect objects from ordinary households: letters, coats, "
            "ration cards. Curators say visitors linger longest in front of those.",
        ],
    },
    "sport": {
        "headings": ["Grassroots", "The road to the top", "Beyond the result"],
        "background": [
            "Sport in the region runs on the enthusiasm of coaches who are paid little and "
            "parents who drive children hundreds of kilometres to tournaments.",
            "Wrestling halls remain the most reliable producer of medals, but football draws "
            "the crowds, and clubs have begun investing in academies rather than imports.",
            "Stadiums built for big occasions are expensive to run. Several now host concerts, "
            'markets and vaccination days to cover their costs, according to <a href="https://'
            'example.org/reports/stadiums">a review of public sports facilities</a>.',
            "For small towns, a local team's run of victories is a rare piece of good news, and "
            "the celebrations can last longer than the season.",
        ],
    },
}
