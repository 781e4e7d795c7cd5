"""The demo newsroom's stories: our own writing about fictional people and invented events.

Published stories are listed newest first; their publication times are spread over the last
four months when the demo is loaded. Each story has its own reporting (lede, detail, quote,
outlook) and borrows background paragraphs from its topic in ``newsroom.TOPICS``.
"""

PUBLISHED = [
    {
        "slug": "enguri-bridge-crossing-hours-extended-for-harvest",
        "headline": "Enguri bridge crossing to stay open longer through the tangerine harvest",
        "standfirst": "Farmers from Gali will be able to cross until nine in the evening until the "
        "end of January, after a season of queues that left fruit rotting in lorries.",
        "region": "abkhazia",
        "also": ["georgia"],
        "tags": ["border", "agriculture", "trade"],
        "by": ["saida-kvitsinia"],
        "topic": "economy",
        "scene": "bridge",
        "sky": "noon",
        "caption": "The approach to the Enguri bridge, where queues formed every evening in "
        "November.",
        "lede": "The crossing at the Enguri bridge will stay open three hours longer every day "
        "until the end of January, officials on both sides confirmed on Friday, meeting the main "
        "demand of farmers who spent much of November queuing with lorries full of tangerines.",
        "detail": "Growers in the Gali district say a single missed evening can cost a family a "
        "week's income: the fruit is picked in the morning, packed by afternoon and has to reach "
        "buyers on the other side before it starts to soften. This year several lorries were "
        "turned back at closing time, and drivers reported throwing away crates by the roadside.",
        "quote": "We are not asking for anything political. We are asking for the bridge to be "
        "open while the fruit is still good.",
        "who": "Rezo Shonia, who farms two hectares near Gali,",
        "outlook": "The extended hours apply only to pedestrians and registered agricultural "
        "vehicles. Traders say they will watch closely whether the new schedule survives the "
        "first week of January, when crossings usually slow down for the holidays.",
    },
    {
        "slug": "tbilisi-council-votes-to-pedestrianise-old-town-street",
        "headline": "Tbilisi council votes to close a second Old Town street to cars",
        "standfirst": "Residents of Kote Afkhazi street are split between relief at quieter nights "
        "and worry about deliveries and the elderly.",
        "region": "georgia",
        "tags": ["transport", "housing", "tourism"],
        "by": ["tamar-gelashvili"],
        "topic": "society",
        "background": [3, 1],
        "scene": "rooftops",
        "sky": "evening",
        "caption": "Rooftops of the Old Town at sunset, seen from the hill above the baths.",
        "lede": "Tbilisi's city council voted on Thursday to close a second street in the Old "
        "Town to private cars from March, extending a pedestrian zone that began as a summer "
        "experiment two years ago.",
        "detail": "The decision passed by 31 votes to 9 after a debate that lasted most of the "
        "afternoon. Cafe owners on the street, who had lobbied for the change, say their terraces "
        "were full throughout the trial weekends. Residents are more divided: a petition asking "
        "for permanent access for carers and taxis collected more than 400 signatures in a week.",
        "quote": "My mother is eighty-six. If a taxi cannot reach the door, she does not leave "
        "the flat. Nobody in the council asked about her.",
        "who": "Marina Jorjadze, who has lived on the street since 1979,",
        "outlook": "The city's transport department says delivery vans will be allowed in before "
        "eleven in the morning and that residents will be able to apply for permits for carers. "
        "The details are due to be published in January.",
        "updated": 2,
    },
    {
        "slug": "gyumri-textile-workshop-reopens-with-displaced-seamstresses",
        "headline": "Gyumri textile workshop reopens with seamstresses from Karabakh",
        "standfirst": "A factory floor empty since the 1990s now employs 38 women, most of whom "
        "arrived in Armenia two years ago with nothing but their skills.",
        "region": "armenia",
        "also": ["nagorno-karabakh"],
        "tags": ["displaced people", "economy", "housing"],
        "by": ["aram-hovsepyan"],
        "topic": "displacement",
        "scene": "market",
        "sky": "morning",
        "caption": "The Saturday market near the old mill in Gyumri, where the cooperative's "
        "first clothes went on sale.",
        "lede": "The sewing machines in the old mill on Rustaveli street had not been switched on "
        "since 1994. This month, 38 of them are running from eight in the morning, operated "
        "mostly by women who worked in the garment trade in Stepanakert before they left.",
        "detail": "The workshop is run by a cooperative set up with a loan from a diaspora fund "
        "and orders from two clothing brands in Yerevan. Wages are modest, about the national "
        "average, but paid on time, which the women say matters more. A room on the second floor "
        "has been turned into a nursery so that mothers of small children can work.",
        "quote": "We knew how to do this. What we did not have was a door to go through in the "
        "morning.",
        "who": "Anahit Baghdasaryan, the cooperative's forewoman,",
        "outlook": "The cooperative hopes to double its staff next year if a third order comes "
        "through. Its biggest worry is rent: the building's owner has agreed to a low price "
        "for two years only.",
    },
    {
        "slug": "baku-metro-extension-delayed-by-groundwater",
        "headline": "Groundwater delays Baku metro extension by at least a year",
        "standfirst": "Tunnelling under the boulevard has hit water-bearing sand, engineers say, "
        "pushing the opening of two new stations into 2028.",
        "region": "azerbaijan",
        "tags": ["transport", "water"],
        "by": ["leyla-mammadli"],
        "topic": "transport",
        "background": [4, 3],
        "scene": "rooftops",
        "sky": "noon",
        "caption": "Apartment blocks near the planned metro station, where drilling has been "
        "halted.",
        "lede": "The extension of Baku's metro towards the new residential districts in the west "
        "will open at least a year late, after tunnelling machines met water-bearing sand that "
        "was not shown in the original survey, engineers working on the project told Caucasus "
        "Dispatch.",
        "detail": "Work on the section between the two planned stations has been halted since "
        "September while contractors freeze the ground around the tunnel. Residents of nearby "
        "blocks reported cracks in stairwells in the summer; the metro company says inspections "
        "found no structural damage but that monitoring will continue.",
        "quote": "Every city built on the Caspian shore knows about the water. The question is "
        "why the survey did not.",
        "who": "a geotechnical engineer who asked not to be named because he works for one of "
        "the contractors",
        "outlook": "The metro company has not published a revised budget. A spokesperson said "
        "the delay would not affect the rest of the network and that the new stations would "
        "open 'when they are safe'.",
    },
    {
        "slug": "makhachkala-wrestling-school-sends-three-to-european-finals",
        "headline": "A Makhachkala basement gym sends three wrestlers to the European finals",
        "standfirst": "The club trains in a converted cellar under a block of flats. Its coach "
        "says talent was never the problem; heating was.",
        "region": "north-caucasus",
        "tags": ["sport", "wrestling", "youth"],
        "by": ["murad-gadzhiev"],
        "topic": "sport",
        "scene": "stadium",
        "caption": "Supporters in the stands at the regional championship where the three "
        "qualified.",
        "lede": "Three teenagers from a wrestling club that trains in a basement in Makhachkala "
        "have qualified for the European junior finals, the best result in the club's "
        "twenty-year history.",
        "detail": "The club has one mat, two rusty radiators and about sixty members aged eight "
        "to eighteen. Parents pay what they can; the coach, a former national champion, works "
        "weekday mornings as a driver to keep the doors open. This winter a local builder "
        "donated insulation, and the club trained through January for the first time without "
        "wearing coats between bouts.",
        "quote": "Boys come here because they see the photos on the wall. Then they stay because "
        "nobody else in their life expects this much from them.",
        "who": "the coach, Shamil Abakarov,",
        "outlook": "The finals take place in March. The club is raising money for travel online; "
        "by Monday it had collected about two thirds of what it needs.",
    },
    {
        "slug": "tskhinvali-school-bus-route-restored",
        "headline": "School bus returns to three villages near Tskhinvali after two years",
        "standfirst": "Children had been walking up to six kilometres to school along a road "
        "without pavements or lights.",
        "region": "south-ossetia",
        "tags": ["education", "transport", "roads"],
        "by": ["madina-kochieva"],
        "topic": "society",
        "scene": "road",
        "sky": "morning",
        "caption": "The road between the villages and the district school, early on a school "
        "morning.",
        "lede": "A school bus began running again this week between three villages north of "
        "Tskhinvali and the district school, ending two years in which children walked up to six "
        "kilometres each way along an unlit road.",
        "detail": "The previous bus broke down in the autumn of two years ago and was never "
        "repaired; parents took turns driving children in private cars until fuel prices made "
        "that impossible. The new bus, a second-hand vehicle bought with money from the local "
        "budget, carries 24 children on two runs each morning.",
        "quote": "In winter they left home in the dark and came back in the dark. Now my "
        "daughter has breakfast.",
        "who": "Zarina Tedeeva, a mother of two in one of the villages,",
        "outlook": "Parents say the bus is already full and that children from a fourth village "
        "still walk. The district administration says it is looking for money for a second "
        "vehicle.",
    },
    {
        "slug": "karabakh-parish-registers-digitised-in-yerevan",
        "headline": "Volunteers digitise a parish archive carried out of Karabakh in a suitcase",
        "standfirst": "Baptism and marriage records going back to 1840 were saved by a priest's "
        "widow. Now they are being scanned, page by page, in a Yerevan library.",
        "region": "nagorno-karabakh",
        "also": ["armenia"],
        "tags": ["history", "memory", "displaced people"],
        "by": ["gayane-avetisyan"],
        "topic": "history",
        "scene": "mountains",
        "sky": "evening",
        "caption": "Mountains on the road out of Karabakh, the route the archive travelled.",
        "lede": "When Siranush Melkonyan left her village in Karabakh two years ago, she packed "
        "one suitcase. Half of it was filled with the parish registers her late husband had "
        "kept in the church's sacristy: baptisms, marriages and funerals from 1840 to 1988.",
        "detail": "Since October, a group of eight volunteers has been scanning the registers in "
        "a reading room lent by a university library in Yerevan. The work is slow: the paper is "
        "fragile, some entries are in a script few of the volunteers can read, and every page is "
        "photographed twice. About a third of the registers are done.",
        "quote": "People come and ask for one name, their great-grandfather's. When we find it "
        "they cry. It is the only document they have from that place.",
        "who": "Lilit Sahakyan, a history student who coordinates the volunteers,",
        "outlook": "The group plans to publish a searchable index of names next year, so that "
        "families can look for their ancestors without handling the originals.",
    },
    {
        "slug": "georgian-wine-exports-shift-to-new-markets",
        "headline": "Georgian winemakers look beyond their old markets as orders shift",
        "standfirst": "Exports to Poland, China and the Baltic states grew this year, but small "
        "producers say certification costs keep them out of Europe's supermarkets.",
        "region": "georgia",
        "tags": ["wine", "trade", "agriculture", "economy"],
        "by": ["giorgi-lomidze"],
        "topic": "economy",
        "scene": "fields",
        "sky": "evening",
        "caption": "Vineyards in Kakheti after the harvest, with the Caucasus range behind.",
        "lede": "Georgia exported more wine to Poland, China and the Baltic states in the first "
        "ten months of the year than in the whole of last year, customs figures analysed by "
        "Caucasus Dispatch show, as producers work to reduce their dependence on a handful of "
        "traditional buyers.",
        "detail": "The change is driven by larger wineries with export departments and marketing "
        "budgets. Among the several hundred small family cellars in Kakheti, the picture is "
        "different: most still sell locally or to tourists, and say the laboratory tests and "
        "labelling rules required for European retail chains cost more than a year's profit.",
        "quote": "A supermarket in Warsaw wants ten thousand bottles every month, always the "
        "same. I make four thousand bottles a year, and every year is different.",
        "who": "Giorgi Tsiklauri, who makes qvevri wine in a village near Telavi,",
        "outlook": "The agriculture ministry says it will subsidise certification for small "
        "producers from next spring. Winemakers' associations have asked for the scheme to "
        "include help with translation and marketing too.",
    },
    {
        "slug": "sukhumi-power-cuts-rota-announced",
        "headline": "Sukhumi to get rolling power cuts of four hours a day from December",
        "standfirst": "The utility blames low water at the reservoir and rising consumption; "
        "residents blame the cryptocurrency farms that have spread through the suburbs.",
        "region": "abkhazia",
        "tags": ["electricity", "energy", "prices"],
        "by": ["saida-kvitsinia"],
        "topic": "energy",
        "scene": "rooftops",
        "sky": "dusk",
        "caption": "Windows lit by generators and candles in Sukhumi during an evening outage.",
        "lede": "Households in Sukhumi will lose electricity for four hours a day from the first "
        "of December under a rota announced by the state utility on Tuesday, the earliest start "
        "to the winter cuts in five years.",
        "detail": "The utility says water in the reservoir that feeds the main power station is "
        "lower than usual after a dry autumn, while consumption has risen by almost a fifth "
        "in two years. Residents and several deputies point to unlicensed cryptocurrency mining "
        "operations, which officials have repeatedly promised to close.",
        "quote": "They switch off my fridge, my pump and my daughter's homework, and the "
        "machines in the garage next door keep humming.",
        "who": "a pensioner in the Novy Rayon district",
        "outlook": "The utility has promised to publish the rota for each district a week in "
        "advance. Hospitals and the water company are exempt from the cuts.",
        "correction": "An earlier version of this story said the cuts would last six hours a "
        "day. The utility's schedule sets four hours.",
    },
    {
        "slug": "dagestan-coast-fishermen-protest-quota",
        "headline": "Caspian fishermen in Dagestan protest a cut in the sprat quota",
        "standfirst": "Crews in Kaspiysk say the new limits will put small boats out of "
        "business; scientists say the stock needs a break.",
        "region": "north-caucasus",
        "tags": ["environment", "economy", "water"],
        "by": ["murad-gadzhiev", "sevil-huseynova"],
        "topic": "environment",
        "scene": "harbour",
        "caption": "Fishing boats moored in the harbour at Kaspiysk during the protest.",
        "lede": "Several dozen fishing crews kept their boats in harbour in Kaspiysk on Monday in "
        "protest against a cut of almost a third in next year's sprat quota, which they say will "
        "put small operators out of business.",
        "detail": "The quota is set on the advice of a fisheries research institute, whose "
        "surveys show the stock shrinking for the fourth year in a row. Fishermen do not dispute "
        "that catches have fallen but blame falling water levels and pollution from the rivers, "
        "not fishing, and say the cut punishes them for problems they did not cause.",
        "quote": "The sea is going down. Everyone can see it from the pier. You do not fix that "
        "by tying up my boat.",
        "who": "Magomed Alibekov, who has fished out of Kaspiysk for twenty-two years,",
        "outlook": "The regional fisheries agency has agreed to meet the crews' representatives "
        "next week. Scientists have offered to present their data in public.",
    },
    {
        "slug": "armenia-parliament-approves-municipal-merger-plan",
        "headline": "Armenian parliament approves the next wave of municipal mergers",
        "standfirst": "Forty-two villages will join larger communities from next year. Supporters "
        "promise better services; mayors fear schools and clinics will close.",
        "region": "armenia",
        "tags": ["parliament", "civil society", "education"],
        "by": ["aram-hovsepyan"],
        "topic": "politics",
        "scene": "parliament",
        "caption": "The parliament building in Yerevan on the morning of the vote.",
        "lede": "Armenia's parliament on Wednesday approved the merger of forty-two village "
        "communities into larger municipalities, the latest stage of a reform that has roughly "
        "halved the number of local governments in eight years.",
        "detail": "The government argues that small communities cannot afford qualified staff "
        "or run modern services, and that larger ones can attract investment. Several village "
        "heads who spoke at committee hearings said the earlier mergers had moved offices, "
        "budgets and decisions to district towns an hour's drive away.",
        "quote": "Before, if the water pipe burst, I called the mayor and he came. Now I call "
        "a number in town and they tell me to write a letter.",
        "who": "a resident of a village merged in the previous wave",
        "outlook": "The law takes effect after the local elections next autumn. The deputy "
        "minister for territorial administration said every merged village would keep a "
        "representative office.",
    },
    {
        "slug": "lankaran-tea-harvest-young-pickers",
        "headline": "In Lankaran's tea gardens, the pickers are getting older",
        "standfirst": "Tea estates in southern Azerbaijan report their best harvest in a decade, "
        "and almost no one under forty to bring it in.",
        "region": "azerbaijan",
        "tags": ["agriculture", "migration", "economy"],
        "by": ["leyla-mammadli"],
        "topic": "migration",
        "scene": "fields",
        "sky": "morning",
        "caption": "Rows of tea bushes on a hillside estate near Lankaran in the morning mist.",
        "lede": "The tea bushes on the hills above Lankaran produced their best crop in a decade "
        "this year. The women who picked it are, on average, over fifty.",
        "detail": "Estate managers say they raised piece rates twice during the season and still "
        "could not find enough pickers. Younger people from the villages have moved to Baku or "
        "abroad, and those who stay prefer work in the greenhouses, which pay more and are "
        "closer to home. Two estates experimented with mechanical harvesters this autumn.",
        "quote": "My hands know the bush. The machine does not, it takes the old leaves too, "
        "and the tea tastes of it.",
        "who": "Gulnara Mammadova, who has picked tea for thirty-one seasons,",
        "outlook": "A regional development programme promises training for young pickers and "
        "processing workers next year. Estate owners say they would rather see higher purchase "
        "prices from the state tea company.",
    },
    {
        "slug": "svaneti-avalanche-barriers-funding",
        "headline": "Money for Svaneti avalanche barriers found, but not for this winter",
        "standfirst": "The road to Mestia will be protected by 2027. Until then, villages further "
        "up the valley face another season of closures.",
        "region": "georgia",
        "tags": ["roads", "climate", "tourism"],
        "by": ["tamar-gelashvili", "sevil-huseynova"],
        "topic": "transport",
        "background": [0, 2],
        "scene": "mountains",
        "sky": "overcast",
        "caption": "Snow on the ridges above the upper Enguri valley in early winter.",
        "lede": "The government has set aside money to build avalanche barriers on the most "
        "dangerous sections of the road to Mestia, but work will not begin before next summer, "
        "leaving the upper valley exposed for at least one more winter.",
        "detail": "Last winter the road was closed for a total of nineteen days, and two villages "
        "beyond Mestia were cut off for nearly a week in February. Guesthouse owners say "
        "cancellations during closures cost them a large part of the ski season's income.",
        "quote": "Tourists see the photos of snow and think it is romantic. For us it is the "
        "week the ambulance cannot come.",
        "who": "Nestan Gurchiani, who runs a guesthouse in Ushguli,",
        "outlook": "The roads department says snowploughs and an emergency team will be "
        "stationed in Mestia from December. Residents have asked for a helicopter landing site "
        "in the upper villages as well.",
    },
    {
        "slug": "vladikavkaz-theatre-festival-caucasus-troupes",
        "headline": "Vladikavkaz festival brings together theatres from across the Caucasus",
        "standfirst": "Eleven companies, five languages and one rule: every play must be "
        "understood without subtitles.",
        "region": "north-caucasus",
        "also": ["south-ossetia"],
        "tags": ["culture", "music"],
        "by": ["madina-kochieva"],
        "topic": "culture",
        "scene": "flagpoles",
        "sky": "dusk",
        "caption": "Festival banners on the square outside the drama theatre in Vladikavkaz.",
        "lede": "A theatre festival in Vladikavkaz this week brought together eleven companies "
        "from across the North Caucasus and beyond, under a rule its founders describe as both "
        "an artistic choice and a necessity: the plays have to work without subtitles.",
        "detail": "The result was a week of movement, music and mask. A company from Nalchik "
        "performed a wordless version of a Circassian epic; a young troupe from Tskhinvali "
        "staged a comedy about a wedding that relies entirely on gesture and song. Tickets, at "
        "the price of a coffee, sold out on the first day.",
        "quote": "We have five languages on this stage and none of them is spoken by everyone "
        "in the hall. So we go back to what theatre was before words.",
        "who": "the festival's artistic director, Alan Bestaev,",
        "outlook": "Organisers hope to take a selection of the productions on tour in the "
        "spring. They are still looking for sponsors.",
    },
    {
        "slug": "syunik-copper-mine-dust-complaints",
        "headline": "Villagers near a Syunik copper mine record dust on their own",
        "standfirst": "Cheap sensors on balconies show pollution spikes the official monitoring "
        "station misses, residents say. The mine disputes their readings.",
        "region": "armenia",
        "tags": ["mining", "environment", "health"],
        "by": ["sevil-huseynova"],
        "topic": "environment",
        "scene": "valley",
        "sky": "overcast",
        "caption": "The valley below the mine's tailings dam, where residents installed sensors.",
        "lede": "Residents of two villages below a copper mine in Armenia's Syunik province have "
        "installed a dozen low-cost air sensors on their balconies and roofs, and say the data "
        "show regular spikes in fine dust that the official monitoring station does not record.",
        "detail": "The sensors, bought with help from an environmental group, upload readings "
        "every ten minutes to a public map. On dry, windy days, they show levels of fine "
        "particles several times higher than the limit for hours at a time. The mining company "
        "says consumer sensors are unreliable and that its own measurements meet the standards.",
        "quote": "We do not claim the sensors are perfect. We claim that when the wind blows "
        "from the dam, our children cough, and now there is a line on a graph that shows it.",
        "who": "Armine Petrosyan, a teacher who helped install them,",
        "outlook": "The environment inspectorate has agreed to place a mobile monitoring station "
        "in one of the villages for three months from January. Residents want the results "
        "published in full.",
    },
    {
        "slug": "gali-teachers-language-rules",
        "headline": "Gali teachers wait for answers on which language they may teach in",
        "standfirst": "New rules for schools in the Gali district leave parents unsure what their "
        "children will be taught next year, and in which language.",
        "region": "abkhazia",
        "tags": ["education", "border", "civil society"],
        "by": ["saida-kvitsinia"],
        "topic": "society",
        "scene": "valley",
        "sky": "morning",
        "caption": "Farmland in the Gali district, where most families speak Mingrelian and "
        "Georgian at home.",
        "lede": "Teachers in the Gali district say they still do not know which subjects they "
        "will be allowed to teach in Georgian next school year, three months after the education "
        "authorities in Sukhumi announced that the rules would change.",
        "detail": "Most families in the district speak Mingrelian and Georgian at home, and "
        "many children take exams on the other side of the Enguri to study at Georgian "
        "universities. Teachers say that without clear rules they cannot order textbooks or "
        "plan the timetable, and several have already left for jobs across the river.",
        "quote": "Parents ask me every day what will happen in September. I tell them the truth: "
        "I do not know.",
        "who": "a teacher at a village school, who asked not to be named,",
        "outlook": "An education official in Sukhumi said the new curriculum would be published "
        "'before the spring'. International organisations working in the district have asked "
        "for a transition period of at least two years.",
    },
    {
        "slug": "ganja-solar-plant-connected",
        "headline": "Solar plant near Ganja connected to the grid after two years of delays",
        "standfirst": "The 120-megawatt plant is the largest outside Absheron. Its first winter "
        "will test how much the network can absorb.",
        "region": "azerbaijan",
        "tags": ["energy", "electricity", "climate"],
        "by": ["leyla-mammadli"],
        "topic": "energy",
        "scene": "power",
        "sky": "noon",
        "caption": "Transmission lines leaving the new solar plant near Ganja.",
        "lede": "A 120-megawatt solar plant near Ganja began supplying the grid this week, two "
        "years later than planned, becoming the largest solar installation in Azerbaijan outside "
        "the Absheron peninsula.",
        "detail": "The delays were caused mainly by the new transmission line needed to carry the "
        "power to the national network, which crosses farmland whose owners disputed the "
        "compensation offered. Engineers say the plant will cover the daytime electricity needs "
        "of a city of roughly Ganja's size on a sunny day.",
        "quote": "The panels were ready a year ago. They sat in the sun producing nothing, "
        "waiting for a cable.",
        "who": "an engineer at the plant",
        "outlook": "The energy ministry says two more solar plants and a wind farm are due to "
        "connect by 2028, along with a battery storage project that will help the grid cope with "
        "evening peaks.",
    },
    {
        "slug": "karabakh-families-rent-subsidy-extended",
        "headline": "Rent support for Karabakh families extended, but cut by a third",
        "standfirst": "The government says its housing certificates are the long-term answer. "
        "Families say the certificates buy little in Yerevan.",
        "region": "nagorno-karabakh",
        "also": ["armenia"],
        "tags": ["displaced people", "housing", "economy"],
        "by": ["gayane-avetisyan"],
        "topic": "displacement",
        "scene": "rooftops",
        "sky": "overcast",
        "caption": "Apartment blocks on the edge of Yerevan, where many displaced families rent.",
        "lede": "Monthly rent support for families displaced from Nagorno-Karabakh will continue "
        "for another six months, the government announced on Thursday, but at two thirds of the "
        "current amount.",
        "detail": "Officials say the payments were always meant to be temporary and that the "
        "state's housing certificate programme, which helps families buy a flat or house, is the "
        "long-term answer. Families and volunteers say the certificates are enough for a house "
        "in a remote village but not for a flat in Yerevan, where most of the jobs are.",
        "quote": "We were told to be patient for a year. It has been two. My son works in "
        "Yerevan; if we move to a village, he stays alone.",
        "who": "Hasmik Grigoryan, who left Stepanakert with her husband and son,",
        "outlook": "Parliament's social affairs committee will hold a hearing on the programme "
        "next month. Aid groups have asked for exemptions for pensioners and families with "
        "disabled members.",
    },
    {
        "slug": "kazbegi-guesthouses-winter-season-bookings",
        "headline": "Kazbegi guesthouses brace for a record winter and a water shortage",
        "standfirst": "Bookings are up by a quarter, but the village's water system was built "
        "for a few hundred residents, not thousands of guests.",
        "region": "georgia",
        "tags": ["tourism", "water", "economy"],
        "by": ["tamar-gelashvili"],
        "topic": "environment",
        "scene": "mountains",
        "sky": "morning",
        "caption": "Morning light on the peaks above Stepantsminda, where guesthouses have "
        "multiplied.",
        "lede": "Guesthouses in Stepantsminda are fully booked for the New Year holidays and "
        "report winter reservations a quarter higher than last year, but residents warn that "
        "the village's water supply could run short again during the peak weeks.",
        "detail": "Last February, taps in the upper part of the village ran dry for several "
        "days as the number of guests exceeded the capacity of a system built in the 1980s. The "
        "municipality has since installed a new pump, but a larger reservoir promised two years "
        "ago has not been built.",
        "quote": "We have forty beds in the village for every one we had ten years ago, and the "
        "same pipe.",
        "who": "Davit Sujashvili, who runs a family guesthouse,",
        "outlook": "The municipality says the reservoir will be tendered in the spring. In the "
        "meantime it will send water tankers if the supply fails.",
    },
    {
        "slug": "grozny-it-school-girls-enrolment",
        "headline": "A coding school in Grozny fills its first class, half of them girls",
        "standfirst": "The free programme trains young people for remote work. Its founders did "
        "not expect the girls to outnumber the boys on the waiting list.",
        "region": "north-caucasus",
        "tags": ["education", "economy", "youth"],
        "by": ["murad-gadzhiev"],
        "topic": "society",
        "background": [1, 2],
        "scene": "rooftops",
        "sky": "noon",
        "caption": "New apartment towers in central Grozny, where the school rents a floor.",
        "lede": "A free programming school that opened in Grozny in September has filled its "
        "first class of forty students, and half of them are young women, a proportion its "
        "founders say they did not plan for.",
        "detail": "The nine-month course teaches web development and prepares students for "
        "remote work for companies elsewhere. The founders, two engineers who returned from "
        "Moscow, say the waiting list for the next class has 300 names, and that girls "
        "outnumber boys on it.",
        "quote": "Remote work means a girl can earn a good salary without leaving home. For "
        "many families here, that is the argument that works.",
        "who": "one of the founders, Islam Khasanov,",
        "outlook": "The school is looking for companies willing to take graduates as interns. "
        "A second class starts in February.",
    },
    {
        "slug": "tskhinvali-pension-payments-delayed",
        "headline": "Pensions in South Ossetia paid late for the second month running",
        "standfirst": "Officials cite a delay in budget transfers. Pensioners in Tskhinvali say "
        "they have started buying bread on credit.",
        "region": "south-ossetia",
        "tags": ["economy", "prices", "health"],
        "by": ["madina-kochieva"],
        "topic": "economy",
        "scene": "market",
        "sky": "overcast",
        "caption": "Stalls at the central market in Tskhinvali, where traders extend credit to "
        "pensioners.",
        "lede": "Pensions in South Ossetia were paid more than two weeks late in November, the "
        "second month in a row, as the authorities waited for transfers that make up most of "
        "the budget.",
        "detail": "About a quarter of the population receives a pension, and for many it is the "
        "household's only regular income. Traders at the central market in Tskhinvali say they "
        "have started writing down debts in notebooks again, something they had not done for "
        "years.",
        "quote": "I know every one of them. I will not refuse bread to a woman I have sold bread "
        "to for twenty years. But I also have to pay my supplier.",
        "who": "a baker at the market",
        "outlook": "The finance ministry said December payments would be made on time. "
        "Pensioners' groups have asked for a public schedule.",
    },
    {
        "slug": "yerevan-lake-sevan-water-level-rises",
        "headline": "Lake Sevan rises for a third year, but algae return in the heat",
        "standfirst": "Limits on water withdrawals have helped the lake recover. Scientists warn "
        "that warm summers bring a new problem.",
        "region": "armenia",
        "tags": ["water", "environment", "climate"],
        "by": ["sevil-huseynova"],
        "topic": "environment",
        "scene": "harbour",
        "sky": "noon",
        "caption": "Boats on the shore of Lake Sevan near the peninsula, where the water has "
        "risen.",
        "lede": "The level of Lake Sevan has risen for a third consecutive year, according to "
        "figures published this month, after tighter limits on the water drawn from it for "
        "irrigation and power.",
        "detail": "The lake is still well below its level of the early twentieth century, when "
        "Soviet engineers began draining it, and scientists warn that the recovery is fragile. "
        "This summer, a bloom of blue-green algae spread across the southern part of the lake "
        "for several weeks, the largest in a decade.",
        "quote": "The water is coming back. What comes with it depends on what we pour into "
        "the rivers that feed the lake.",
        "who": "Karine Aslanyan, a hydrobiologist who has studied the lake for thirty years,",
        "outlook": "The government plans to build treatment plants for the towns on the lake's "
        "shores by 2030. Environmental groups say the deadline is too distant.",
    },
    {
        "slug": "baku-boulevard-artists-market-relocated",
        "headline": "Baku's weekend artists' market moves, and takes its buyers with it",
        "standfirst": "Painters and potters were moved from the boulevard to a new site in the "
        "old port. To their surprise, sales are up.",
        "region": "azerbaijan",
        "tags": ["culture", "tourism"],
        "by": ["leyla-mammadli"],
        "topic": "culture",
        "scene": "market",
        "sky": "noon",
        "caption": "Stalls at the artists' market in its new home by the old port in Baku.",
        "lede": "When the city moved Baku's weekend artists' market from the seaside boulevard "
        "to a former warehouse yard in the old port this autumn, the painters and potters who "
        "sell there expected the worst. Two months later, most say business is better.",
        "detail": "The new site has roofs, electricity and room for twice as many stalls. "
        "Cruise passengers walking from the port pass through it, and a cafe in the yard keeps "
        "visitors longer. Some older artists still miss the sea view and the foot traffic of "
        "the boulevard in summer.",
        "quote": "On the boulevard people walked past. Here they come on purpose.",
        "who": "Nargiz Rahimova, who sells hand-painted ceramics,",
        "outlook": "The market's organisers plan an evening edition in the summer, with music.",
    },
    {
        "slug": "ochamchire-port-project-fishermen-concern",
        "headline": "Ochamchire harbour plan worries the fishermen who use it now",
        "standfirst": "A plan to deepen the harbour for larger ships has no public environmental "
        "assessment, residents say, and no answer about where small boats will go.",
        "region": "abkhazia",
        "tags": ["environment", "trade", "economy"],
        "by": ["saida-kvitsinia", "sevil-huseynova"],
        "topic": "environment",
        "scene": "harbour",
        "sky": "evening",
        "caption": "Small fishing boats in the harbour at Ochamchire at the end of the day.",
        "lede": "Fishermen in Ochamchire say no one has told them where their boats will go if "
        "the town's small harbour is deepened to take larger ships, as a development plan "
        "discussed in Sukhumi this autumn proposes.",
        "detail": "About forty small boats use the harbour, most of them family-owned. The plan "
        "would dredge the channel and build a new quay. Residents have asked to see the "
        "environmental assessment; officials say it is still being prepared, although dredging "
        "equipment has already been seen in the bay.",
        "quote": "My father fished here, and his father. Nobody is against ships. We are against "
        "not being asked.",
        "who": "Beslan Chkotua, a fisherman,",
        "outlook": "Deputies from the district have asked for public hearings before any work "
        "begins.",
    },
    {
        "slug": "kutaisi-airport-new-routes-regional-economy",
        "headline": "Kutaisi airport's new routes bring visitors, and higher rents",
        "standfirst": "Low-cost flights have made Georgia's second city a weekend destination. "
        "Residents of the centre feel the change in their rent.",
        "region": "georgia",
        "tags": ["tourism", "housing", "transport", "prices"],
        "by": ["giorgi-lomidze"],
        "topic": "economy",
        "scene": "rooftops",
        "sky": "morning",
        "caption": "The centre of Kutaisi, where many flats are now let to visitors.",
        "lede": "Eight new routes from Kutaisi airport this year have made Georgia's second city "
        "a weekend destination for visitors from across Europe, and pushed up rents in its "
        "centre by more than a third, according to listings analysed by Caucasus Dispatch.",
        "detail": "Hundreds of flats in the historic centre are now let to short-stay visitors. "
        "Restaurant owners and guides welcome the change; students and young families say they "
        "are being pushed to the outskirts, where public transport is sparse.",
        "quote": "I grew up two streets from the fountain. Now I cannot afford a room there.",
        "who": "Lasha Kiknadze, a 27-year-old teacher,",
        "outlook": "The city council is discussing a registry of short-term rentals. Owners' "
        "associations have said they will oppose any limits.",
    },
    {
        "slug": "nalchik-ski-resort-snowmaking",
        "headline": "Elbrus ski slopes turn to snow cannons as winters shorten",
        "standfirst": "Resorts in Kabardino-Balkaria are spending more each year to guarantee "
        "snow. Scientists say the lower slopes may not be viable in twenty years.",
        "region": "north-caucasus",
        "tags": ["climate", "tourism", "water"],
        "by": ["sevil-huseynova"],
        "topic": "environment",
        "scene": "mountains",
        "sky": "noon",
        "caption": "Snow on the upper slopes of the Elbrus area, above runs that now depend on "
        "snow cannons.",
        "lede": "Ski resorts in the Elbrus area are installing dozens of new snow cannons this "
        "winter, as operators try to guarantee a full season on lower slopes where natural snow "
        "has become unreliable.",
        "detail": "Data from a mountain weather station show the number of days with snow cover "
        "at 2,000 metres falling by almost a month since the 1980s. Artificial snow needs water, "
        "and some residents of villages downstream worry about the effect on rivers in a dry "
        "winter.",
        "quote": "We are not fighting nature. We are buying time, and time is getting more "
        "expensive every year.",
        "who": "the technical director of one resort",
        "outlook": "The republic's authorities say they are studying a plan to move some runs "
        "higher up the mountain.",
    },
    {
        "slug": "armenia-georgia-rail-freight-grows",
        "headline": "Freight on the Armenia-Georgia railway hits a post-Soviet high",
        "standfirst": "Trains now carry more cargo across the border than at any time since the "
        "1990s. The single-track line is struggling to keep up.",
        "region": "armenia",
        "also": ["georgia"],
        "tags": ["railways", "trade", "transport"],
        "by": ["giorgi-lomidze", "aram-hovsepyan"],
        "topic": "transport",
        "background": [1, 3],
        "scene": "bridge",
        "sky": "evening",
        "caption": "An old stone bridge over the Debed river, beside which the railway between "
        "Armenia and Georgia runs.",
        "lede": "Freight trains between Armenia and Georgia carried more cargo in the first nine "
        "months of this year than in any full year since the collapse of the Soviet Union, "
        "railway figures show.",
        "detail": "Most of the growth comes from goods in transit to and from the Black Sea "
        "ports. The line through the Debed gorge is single-track for most of its length, and "
        "trains wait in sidings for hours for oncoming traffic to pass. Shippers complain that "
        "delivery times have become unpredictable.",
        "quote": "The line was built for another country and another century. It works because "
        "the people who run it are very good at improvising.",
        "who": "a dispatcher at the border station",
        "outlook": "Both countries' railway companies have discussed adding passing loops. "
        "Neither has announced a budget.",
    },
    {
        "slug": "sheki-silk-workshop-revival",
        "headline": "Sheki silk weavers find new buyers for an old craft",
        "standfirst": "Kelaghayi headscarves, once sold mainly at weddings, are finding a market "
        "with designers in Baku and abroad.",
        "region": "azerbaijan",
        "tags": ["culture", "economy", "tourism"],
        "by": ["leyla-mammadli"],
        "topic": "culture",
        "scene": "rooftops",
        "sky": "evening",
        "caption": "The old town of Sheki, where the silk workshops are clustered.",
        "lede": "In a workshop in Sheki, six women print patterns onto silk scarves with carved "
        "wooden blocks, as their grandmothers did. What has changed is who buys them.",
        "detail": "The workshop's kelaghayi scarves used to sell mostly to families preparing "
        "for weddings. In the past two years, orders have come from fashion designers in Baku "
        "and from small shops in Istanbul and Berlin, found through social media. The workshop "
        "has taken on two apprentices.",
        "quote": "The young ones thought this was something for old women. Then they saw a "
        "singer wearing our scarf on television.",
        "who": "Sevinj Huseynli, who runs the workshop,",
        "outlook": "The workshop's biggest problem is silk: the town's silk factory produces "
        "little now, and imported thread is expensive.",
    },
    {
        "slug": "south-ossetia-crossing-family-visits",
        "headline": "South Ossetian families wait for a crossing that seldom opens",
        "standfirst": "For villagers with relatives on both sides, a funeral or a wedding can "
        "mean weeks of applications and a long detour.",
        "region": "south-ossetia",
        "also": ["georgia"],
        "tags": ["border", "peace talks", "civil society"],
        "by": ["madina-kochieva", "tamar-gelashvili"],
        "topic": "society",
        "scene": "road",
        "sky": "overcast",
        "caption": "A road leading towards the dividing line near the village of Ergneti.",
        "lede": "When her brother died in a village on the other side of the line last spring, "
        "Tinatin Kokoeva applied for permission to cross for the funeral. The answer came "
        "eleven days after he was buried.",
        "detail": "The crossing points between South Ossetia and the rest of Georgia open "
        "rarely and unpredictably. People with relatives on both sides describe a system of "
        "applications, lists and sudden closures that makes family life almost impossible to "
        "plan. Many simply stopped trying.",
        "quote": "We live eight kilometres apart. I have not seen my sister's grandchildren. "
        "They know me from the telephone.",
        "who": "a woman in a village near the line",
        "outlook": "The issue is regularly raised at the international talks in Geneva. "
        "Participants say there has been little progress.",
    },
    {
        "slug": "karabakh-musicians-ensemble-yerevan-concert",
        "headline": "A Karabakh folk ensemble plays its first full concert since leaving home",
        "standfirst": "Its members are scattered across four Armenian towns. They rehearse on "
        "Sundays and travel hours to do it.",
        "region": "nagorno-karabakh",
        "also": ["armenia"],
        "tags": ["music", "culture", "memory", "displaced people"],
        "by": ["gayane-avetisyan"],
        "topic": "culture",
        "scene": "flagpoles",
        "sky": "evening",
        "caption": "Banners outside the concert hall in Yerevan on the night of the concert.",
        "lede": "The twelve members of a folk ensemble from Stepanakert played their first full "
        "concert since leaving Karabakh on Saturday, to a hall in Yerevan in which, by the "
        "musicians' count, almost everyone had come from there too.",
        "detail": "The ensemble lost most of its instruments when its members left. Some were "
        "replaced with donations; the kamancha player plays a borrowed one. Members now live in "
        "four towns and rehearse on Sundays in a school in Yerevan, some travelling three hours "
        "each way.",
        "quote": "When we played the wedding songs, people stood up and danced in the aisles. "
        "They were dancing for a village that is not there any more.",
        "who": "the ensemble's leader, Arthur Hayrapetyan,",
        "outlook": "The ensemble is recording an album of songs from Karabakh villages, some of "
        "which exist only in the memories of its older members.",
    },
    {
        "slug": "tbilisi-metro-fare-rise-debate",
        "headline": "Tbilisi transport fare rise approved despite protests from students",
        "standfirst": "A single journey will cost a third more from February. Discounts for "
        "students and pensioners are unchanged.",
        "region": "georgia",
        "tags": ["transport", "prices"],
        "by": ["tamar-gelashvili", "giorgi-lomidze"],
        "topic": "economy",
        "background": [3, 2],
        "scene": "parliament",
        "sky": "overcast",
        "caption": "Students outside the columned front of Tbilisi city hall before the "
        "council's vote on fares.",
        "lede": "Tbilisi's city council approved an increase in public transport fares on "
        "Tuesday, the first in six years, as a few hundred students protested outside city hall.",
        "detail": "From February a single journey on the metro or a city bus will cost a third "
        "more. The city says the transport company loses money on every passenger and that fuel, "
        "spare parts and wages have all risen. Discounts for students and pensioners remain, "
        "but student groups say the discounted fare will also rise in proportion.",
        "quote": "They tell us to leave the car at home. Then they make the bus more expensive. "
        "Which is it?",
        "who": "a second-year student at the protest",
        "outlook": "The city has promised to publish the transport company's accounts in full "
        "before the new fares take effect.",
    },
    {
        "slug": "vanadzor-chemical-plant-site-cleanup",
        "headline": "Clean-up begins at Vanadzor's abandoned chemical plant",
        "standfirst": "Barrels left behind in the 1990s will be removed over two years. "
        "Residents want to know what was in them.",
        "region": "armenia",
        "tags": ["environment", "health", "mining"],
        "by": ["sevil-huseynova"],
        "topic": "environment",
        "background": [2, 3],
        "scene": "valley",
        "sky": "overcast",
        "caption": "The valley around Vanadzor, where the former chemical plant stands empty.",
        "lede": "Contractors began removing hundreds of corroded barrels from a chemical plant in "
        "Vanadzor this week, more than thirty years after the factory stopped working and left "
        "its stocks behind.",
        "detail": "The plant once employed thousands of people and produced fibres and fertiliser. "
        "After it closed, its warehouses were looted for metal and the barrels left open to rain. "
        "Tests commissioned by an international donor found several substances in the soil "
        "around the site above safe limits.",
        "quote": "We played there as children. Now they arrive in white suits and masks.",
        "who": "Gohar Mkrtchyan, who lives in a block across the road,",
        "outlook": "The work is expected to take two years. Residents have asked for the results "
        "of soil tests around the nearby school to be published.",
    },
    {
        "slug": "sumgait-steel-plant-jobs",
        "headline": "Sumgait steel mill hires 400 as it restarts a second furnace",
        "standfirst": "The town's biggest employer is growing again. Workers welcome the jobs "
        "and ask about the air.",
        "region": "azerbaijan",
        "tags": ["economy", "environment", "health"],
        "by": ["leyla-mammadli"],
        "topic": "economy",
        "scene": "power",
        "sky": "evening",
        "caption": "Power lines running towards the industrial zone of Sumgait at sunset.",
        "lede": "A steel mill in Sumgait is hiring 400 workers as it restarts a second furnace "
        "that has been idle for almost a decade, the largest recruitment drive in the industrial "
        "town in years.",
        "detail": "Unemployment in Sumgait is higher than in Baku, and the mill's recruitment "
        "office has received several thousand applications. The company says the restarted "
        "furnace has new filters; environmental groups want independent monitoring of emissions "
        "from the start.",
        "quote": "My father worked here, and his lungs show it. I still applied. What else is "
        "there?",
        "who": "a 24-year-old who applied for a job as a crane operator",
        "outlook": "The second furnace is due to start producing in the spring.",
    },
    {
        "slug": "abkhazia-pensioners-post-office-queues",
        "headline": "Abkhazia's pensioners queue for hours at the post office each month",
        "standfirst": "Payments are made in cash at a handful of offices. Older people in the "
        "villages say the trip costs them a day and part of their pension.",
        "region": "abkhazia",
        "tags": ["health", "economy", "civil society"],
        "by": ["saida-kvitsinia"],
        "topic": "society",
        "scene": "market",
        "sky": "morning",
        "caption": "The street market beside the post office in Sukhumi on pension day.",
        "lede": "On the first working days of every month, queues of older people form before "
        "dawn outside post offices in Sukhumi and district towns, where pensions are paid in "
        "cash.",
        "detail": "For pensioners in remote villages, the journey means a shared taxi or a "
        "minibus that can cost a noticeable part of the payment itself. Volunteers have started "
        "bringing folding chairs and tea to the queues, and a few shopkeepers offer to collect "
        "pensions on behalf of neighbours, which is not officially allowed.",
        "quote": "I am eighty-one. I stand four hours for my money, and then I stand for the "
        "minibus home.",
        "who": "a pensioner from a village near Gudauta",
        "outlook": "Officials have promised mobile payment points for mountain villages next year.",
    },
    {
        "slug": "kabardino-balkaria-apple-harvest-prices",
        "headline": "Apple growers in Kabardino-Balkaria leave fruit on the trees",
        "standfirst": "A record harvest has driven prices below the cost of picking. Cold "
        "storage, growers say, would have saved the season.",
        "region": "north-caucasus",
        "tags": ["agriculture", "prices", "trade"],
        "by": ["murad-gadzhiev"],
        "topic": "economy",
        "scene": "fields",
        "sky": "evening",
        "caption": "Orchards in the foothills near Nalchik after the harvest was abandoned.",
        "lede": "Some apple growers in Kabardino-Balkaria have left part of their harvest on the "
        "trees this autumn, after a record crop drove wholesale prices below the cost of picking "
        "and transporting the fruit.",
        "detail": "The republic has planted thousands of hectares of intensive orchards in the "
        "past decade, but cold storage has not kept pace. Small growers without storage must sell "
        "at harvest time, when prices are lowest; large farms with their own warehouses sell "
        "in spring, when prices double.",
        "quote": "The trees did everything right. We are the ones who did not plan.",
        "who": "Aslan Kardanov, who has twelve hectares of orchards,",
        "outlook": "Growers have asked the regional government to help fund a shared storage "
        "cooperative.",
    },
    {
        "slug": "georgia-parliament-broadcasting-law-amendments",
        "headline": "Georgian parliament fast-tracks changes to the broadcasting law",
        "standfirst": "Media organisations say they learned of the amendments two days before the "
        "first reading. The governing majority says the changes are technical.",
        "region": "georgia",
        "tags": ["media", "parliament", "civil society"],
        "by": ["tamar-gelashvili"],
        "topic": "politics",
        "scene": "parliament",
        "sky": "overcast",
        "caption": "The parliament building in Tbilisi during the session on the broadcasting law.",
        "lede": "Georgia's parliament passed amendments to the broadcasting law in the first "
        "reading on Wednesday, two days after they were published, in a procedure that media "
        "organisations said left no time for discussion.",
        "detail": "The amendments change how the broadcasting regulator's members are chosen and "
        "give it new powers to fine channels for what the draft calls 'unbalanced coverage'. "
        "The majority's deputies described the changes as technical and said they brought the "
        "law in line with practice elsewhere in Europe.",
        "quote": "Nobody can say what 'unbalanced' means. That is exactly what worries us.",
        "who": "the head of an association of regional broadcasters",
        "outlook": "The second reading is scheduled for next month. Several embassies have asked "
        "for the drafts to be sent for review by European legal experts.",
        "updated": 5,
    },
    {
        "slug": "armenian-brandy-grape-prices-farmers",
        "headline": "Ararat valley grape growers and distillers fail to agree a price",
        "standfirst": "Farmers say the price offered does not cover fertiliser and water. "
        "Distillers say their own export orders have fallen.",
        "region": "armenia",
        "tags": ["agriculture", "prices", "trade"],
        "by": ["aram-hovsepyan"],
        "topic": "economy",
        "scene": "fields",
        "sky": "noon",
        "caption": "Vineyards in the Ararat valley during the grape harvest.",
        "lede": "Talks between grape growers in the Ararat valley and the distilleries that buy "
        "most of their crop broke down on Monday without agreement on a purchase price, leaving "
        "thousands of tonnes of grapes waiting to be sold.",
        "detail": "Growers say the price offered by the distilleries, roughly the same as last "
        "year, does not cover the rising cost of fertiliser, irrigation water and labour. The "
        "distilleries say demand for brandy in their main export markets has fallen and that "
        "they are already holding large stocks.",
        "quote": "Every year we are told to wait until next year. The vines do not wait.",
        "who": "Levon Manukyan, head of a growers' association,",
        "outlook": "The agriculture ministry has offered to mediate and is considering a "
        "subsidy per kilogram for small growers.",
    },
    {
        "slug": "karabakh-cemetery-photographs-project",
        "headline": "A photographer's record of Karabakh gravestones becomes a family archive",
        "standfirst": "Before leaving, Vardan Petrosyan photographed more than four thousand "
        "graves. Now families write to him asking for one picture.",
        "region": "nagorno-karabakh",
        "tags": ["memory", "history", "displaced people"],
        "by": ["gayane-avetisyan"],
        "topic": "history",
        "scene": "valley",
        "sky": "dusk",
        "caption": "A valley in Karabakh at dusk, photographed in the last weeks before the "
        "departure.",
        "lede": "In the summer before the exodus, Vardan Petrosyan, a wedding photographer from "
        "Martuni, spent his weekends in village cemeteries, photographing gravestones. By "
        "the time he left, he had more than four thousand pictures.",
        "detail": "He did it, he says, because his grandmother asked him to photograph his "
        "grandfather's grave and he realised that nobody else would. Now families who left "
        "without visiting their dead write to him almost every day, asking whether he has a "
        "picture of a particular stone.",
        "quote": "Most people do not ask for anything else. Just a photograph, so they can "
        "show their children where grandfather is.",
        "who": "Petrosyan",
        "outlook": "A university in Yerevan has offered to host the collection online, with a "
        "search by village and family name.",
    },
    {
        "slug": "chechnya-mountain-villages-road-paved",
        "headline": "A paved road reaches three mountain villages in Chechnya's south",
        "standfirst": "For the first time, ambulances can reach Itum-Kali district's highest "
        "villages in winter. Some families are coming back.",
        "region": "north-caucasus",
        "tags": ["roads", "migration", "health"],
        "by": ["murad-gadzhiev"],
        "topic": "migration",
        "scene": "road",
        "sky": "noon",
        "caption": "The newly paved road climbing into the mountains of southern Chechnya.",
        "lede": "A paved road has reached three mountain villages in the south of Chechnya, "
        "replacing a gravel track that was often impassable from November to April.",
        "detail": "The villages had been emptying for years: families moved to the valley for "
        "schools and hospitals, and came back only in summer to graze livestock. Since the road "
        "opened, at least a dozen families have started renovating houses to live in all year, "
        "according to the village administration.",
        "quote": "My grandfather was born here. My children were born in Grozny. Maybe my "
        "grandchildren will be born here again.",
        "who": "Ruslan Temirkhanov, who is rebuilding his family's stone house,",
        "outlook": "The district plans to reopen a primary school in the largest of the villages "
        "if enough families return.",
    },
    {
        "slug": "baku-caspian-shoreline-retreat",
        "headline": "As the Caspian retreats, Baku's beaches grow and its harbours silt up",
        "standfirst": "The sea has fallen by more than a metre in two decades. Scientists say "
        "the trend is accelerating.",
        "region": "azerbaijan",
        "also": ["north-caucasus"],
        "tags": ["climate", "water", "environment"],
        "by": ["sevil-huseynova", "leyla-mammadli"],
        "topic": "environment",
        "scene": "harbour",
        "sky": "morning",
        "caption": "The Caspian shore near Baku, where the waterline has moved tens of metres.",
        "lede": "Along the Absheron peninsula, beaches are getting wider every year. For the "
        "owners of seaside cafes it is a curiosity; for the harbours and the fish, scientists "
        "say, it is a warning.",
        "detail": "The level of the Caspian Sea has fallen by more than a metre in twenty years, "
        "as warmer summers increase evaporation and less water reaches the sea from the Volga. "
        "Small harbours along the coast need dredging more often, and shallow bays where fish "
        "spawn are drying out.",
        "quote": "When I was a boy the water came to this wall. Now I walk two minutes to get "
        "my feet wet.",
        "who": "a fisherman in the village of Shuvalan",
        "outlook": "Governments of the Caspian countries have agreed to share data on the sea "
        "level. Scientists say that is a first step, not a plan.",
    },
    {
        "slug": "tskhinvali-football-club-promoted",
        "headline": "A Tskhinvali football team's winning season gives the town something to cheer",
        "standfirst": "The club has no stadium of its own and trains on a school pitch. It has "
        "not lost a game since August.",
        "region": "south-ossetia",
        "tags": ["football", "sport", "youth"],
        "by": ["madina-kochieva"],
        "topic": "sport",
        "scene": "stadium",
        "sky": "evening",
        "caption": "Supporters fill the stands for the club's last home game of the season.",
        "lede": "A football club from Tskhinvali finished the season unbeaten on Sunday, winning "
        "its regional league with two matches to spare and drawing crowds of a kind the town has "
        "not seen in years.",
        "detail": "The team, made up mostly of local players under 25, trains on a school pitch "
        "in the evenings after work. Its coach, a former PE teacher, says the secret is that "
        "most of the players grew up playing together in the same courtyards.",
        "quote": "There is not much here that makes the whole town happy at the same time. This "
        "did.",
        "who": "a supporter at the final game",
        "outlook": "The club hopes to play friendly matches against teams from North Ossetia "
        "next season.",
    },
    {
        "slug": "batumi-seafront-construction-height-limit",
        "headline": "Batumi council proposes height limit for new seafront towers",
        "standfirst": "Developers warn of lost investment. Residents say the city has already "
        "lost its view of the mountains.",
        "region": "georgia",
        "tags": ["housing", "tourism", "civil society"],
        "by": ["tamar-gelashvili"],
        "topic": "society",
        "background": [1, 3],
        "scene": "harbour",
        "sky": "evening",
        "caption": "The Batumi seafront at sunset, with the mountains of Adjara behind.",
        "lede": "Batumi's city council has proposed a limit of sixteen floors for new buildings "
        "within a kilometre of the sea, after a decade of construction that has made the city's "
        "skyline one of the densest on the Black Sea.",
        "detail": "Dozens of towers have gone up along the seafront since the mid-2010s, many "
        "sold as holiday flats to foreign buyers. Residents' groups say the buildings block "
        "the breeze, overload the sewers and hide the mountains. Developers say the limit would "
        "make projects already planned unprofitable.",
        "quote": "We are not against building. We are against a city where the sea is something "
        "you see only from the fortieth floor.",
        "who": "an architect who helped draft the residents' petition",
        "outlook": "Public hearings on the proposal will be held in January.",
    },
    {
        "slug": "gyumri-earthquake-housing-last-domiks",
        "headline": "Gyumri's last temporary homes from the 1988 earthquake to be replaced",
        "standfirst": "About 300 families still live in metal cabins meant to last a few years. "
        "The city says all will have flats by 2028.",
        "region": "armenia",
        "tags": ["housing", "history", "memory"],
        "by": ["aram-hovsepyan"],
        "topic": "history",
        "scene": "rooftops",
        "sky": "overcast",
        "caption": "Rooftops in Gyumri, where some families still live in temporary cabins.",
        "lede": "About three hundred families in Gyumri still live in the metal cabins, known as "
        "domiks, that were put up as temporary shelter after the earthquake of 1988. The city "
        "says the last of them will move into permanent flats by 2028.",
        "detail": "The cabins were meant to last a few years. Residents have added rooms, roofs "
        "and gardens; some grew up in them and now raise their own children there. In winter "
        "the walls freeze; in summer, the inside is hotter than the street.",
        "quote": "My mother said: we will be here one winter. She died here. I was born here.",
        "who": "Narine Vardanyan, 34,",
        "outlook": "Some residents worry that the new flats are being built on the outskirts, "
        "far from the neighbours they have known for decades.",
    },
    {
        "slug": "lerik-centenarians-mountain-villages-emptying",
        "headline": "In Lerik's mountain villages, the old stay and the young leave",
        "standfirst": "The district is famous for long lives. It is now also a district of "
        "empty houses.",
        "region": "azerbaijan",
        "tags": ["migration", "health", "agriculture"],
        "by": ["leyla-mammadli"],
        "topic": "migration",
        "scene": "mountains",
        "sky": "morning",
        "caption": "Morning over the Talysh mountains near Lerik.",
        "lede": "Lerik, in the Talysh mountains of southern Azerbaijan, is known for the number "
        "of its residents who live past a hundred. Fewer people are being born there to follow "
        "them.",
        "detail": "In the villages above the district centre, about one house in three stands "
        "empty. Young families have moved to Lankaran, Baku or Russia. Those who stay keep bees, "
        "grow potatoes and look after parents who are, often, very old indeed.",
        "quote": "People come here to ask the secret of a long life. I tell them: work, walk "
        "and have children who visit.",
        "who": "a 97-year-old resident",
        "outlook": "A programme offering small grants to young families who settle in mountain "
        "villages begins next year.",
    },
    {
        "slug": "sukhumi-university-student-exchange",
        "headline": "Sukhumi students join a regional exchange for the first time",
        "standfirst": "Twelve students from Abkhazia will spend a semester at universities in "
        "the North Caucasus under a new scheme.",
        "region": "abkhazia",
        "also": ["north-caucasus"],
        "tags": ["education", "youth", "culture"],
        "by": ["saida-kvitsinia", "murad-gadzhiev"],
        "topic": "society",
        "background": [2, 1],
        "scene": "flagpoles",
        "sky": "noon",
        "caption": "The square in front of the university in Sukhumi at the start of term.",
        "lede": "Twelve students from Sukhumi will spend next semester at universities in "
        "Nalchik, Maykop and Vladikavkaz, under an exchange scheme set up by the institutions "
        "themselves.",
        "detail": "Students say they are excited about lectures in fields their own university "
        "cannot offer, such as software engineering and clinical psychology. Lecturers say the "
        "exchange also matters for the teaching staff, who rarely have a chance to work with "
        "colleagues elsewhere.",
        "quote": "We grow up hearing about our relatives across the mountains. Now I will study "
        "with them.",
        "who": "Amra Tarba, a third-year student of history,",
        "outlook": "If the first semester goes well, the universities plan to double the number "
        "of places.",
    },
    {
        "slug": "derbent-old-city-restoration-residents",
        "headline": "Derbent restores its old quarter, and residents ask where they fit",
        "standfirst": "Restoration has brought tourists to the ancient city. Families in the "
        "mahallas say repairs to their own homes were not part of the plan.",
        "region": "north-caucasus",
        "tags": ["history", "tourism", "housing"],
        "by": ["murad-gadzhiev"],
        "topic": "history",
        "scene": "rooftops",
        "sky": "evening",
        "caption": "The old quarter of Derbent in the evening, below the citadel walls.",
        "lede": "Restoration work in Derbent's old quarter has repaired gates, walls and streets "
        "and brought tens of thousands of visitors. Families who live in the mahallas, the old "
        "neighbourhoods, say the works stopped at their doorsteps.",
        "detail": "Residents need permission from the heritage authorities for any repair to "
        "their houses, which are part of a protected site. Applications, they say, take months, "
        "and the materials required are expensive. Some have given up and sold to investors who "
        "plan guesthouses.",
        "quote": "The tourists photograph my door because it is old. I would like it to close "
        "properly.",
        "who": "Zulfiya Kerimova, who lives in a house built by her great-grandfather,",
        "outlook": "The city says it will set up a fund to help residents with repairs next year.",
    },
    {
        "slug": "rustavi-steelworkers-strike-ends",
        "headline": "Rustavi steelworkers end strike after a ten per cent pay rise",
        "standfirst": "The four-day strike stopped two furnaces. Workers won more money but not "
        "the safety committee they demanded.",
        "region": "georgia",
        "tags": ["economy", "civil society", "health"],
        "by": ["giorgi-lomidze"],
        "topic": "economy",
        "scene": "power",
        "sky": "overcast",
        "caption": "Power lines above the industrial zone of Rustavi during the strike.",
        "lede": "Workers at a steel plant in Rustavi returned to work on Friday after a four-day "
        "strike, having won a ten per cent pay rise but not the independent safety committee "
        "that was their other main demand.",
        "detail": "The strike began after a worker was seriously injured in an accident at one "
        "of the furnaces. Around 1,500 workers took part, and production at two furnaces was "
        "halted. The company said it would review safety procedures with outside consultants.",
        "quote": "The money is good. But we will be back on strike the next time somebody is hurt.",
        "who": "one of the strike's organisers",
        "outlook": "The labour inspectorate's report on the accident is expected in January.",
    },
    {
        "slug": "syunik-border-villages-farmers-fields",
        "headline": "Farmers in Syunik's border villages negotiate their way to their fields",
        "standfirst": "Pastures that families used for generations now lie close to the "
        "new line. Some are grazed again; others are left alone.",
        "region": "armenia",
        "also": ["azerbaijan"],
        "tags": ["border", "agriculture", "peace talks"],
        "by": ["aram-hovsepyan"],
        "topic": "society",
        "scene": "fields",
        "sky": "morning",
        "caption": "Fields near a village in Syunik, close to the border.",
        "lede": "In the villages of southern Syunik, some of the best summer pastures lie close "
        "to the border that was marked after the last round of talks. Farmers have had to "
        "learn where they can and cannot take their animals.",
        "detail": "Some families have grazed the same slopes for generations. Now, several say, "
        "they check with the local border post before moving their herds, and leave the fields "
        "closest to the line unused. Village heads say they need clearer maps.",
        "quote": "I do not need a politician. I need a map that tells me where my cow can walk.",
        "who": "a herder in a village near Kapan",
        "outlook": "The talks on demarcation continue. Village heads have asked to be consulted "
        "on the sections that cross farmland.",
    },
    {
        "slug": "abkhazia-tourist-season-results",
        "headline": "Abkhazia's summer season was busy. Hotel workers say wages were not",
        "standfirst": "Visitor numbers reached a record, officials say. Those who cleaned the "
        "rooms and cooked the meals describe long shifts and cash in envelopes.",
        "region": "abkhazia",
        "tags": ["tourism", "economy", "prices"],
        "by": ["saida-kvitsinia"],
        "topic": "economy",
        "scene": "harbour",
        "sky": "noon",
        "caption": "The seafront at Gagra at the height of the summer season.",
        "lede": "The tourism authorities in Sukhumi have called this summer the best season in "
        "decades, with beaches and hotels from Gagra to Pitsunda full from June to September.",
        "detail": "Workers in the hotels and restaurants describe a different season: twelve-hour "
        "shifts, no days off in August and wages paid in cash, without contracts. Several said "
        "they had come from villages in the east because there is no work there outside summer.",
        "quote": "I cleaned forty rooms a day. The owner bought a new car in September.",
        "who": "a chambermaid at a hotel in Gagra",
        "outlook": "Deputies have proposed a law requiring written contracts for seasonal "
        "workers. Hotel owners say it would drive up prices.",
    },
    {
        "slug": "nakhchivan-rail-link-plans",
        "headline": "Plans for a railway through southern Armenia move from maps to surveys",
        "standfirst": "Engineers have begun surveying the route. Residents of towns along it want "
        "to know whether they will be able to use the trains themselves.",
        "region": "azerbaijan",
        "also": ["armenia"],
        "tags": ["railways", "peace talks", "trade"],
        "by": ["helen-marsh"],
        "topic": "transport",
        "background": [1, 3],
        "scene": "valley",
        "sky": "noon",
        "caption": "The valley of the Araks river, along which the railway would run.",
        "lede": "Survey teams have begun work along the route of a proposed railway through "
        "southern Armenia linking mainland Azerbaijan to Nakhchivan, officials involved in the "
        "project told Caucasus Dispatch, the first practical step after years of negotiations.",
        "detail": "The line would follow, in part, the route of a Soviet-era railway abandoned "
        "in the early 1990s. Much of the old track has disappeared, and bridges would have to "
        "be rebuilt. Both governments describe the project as part of a wider opening of "
        "transport routes in the region.",
        "quote": "If a train passes through my town, I want to be able to get on it.",
        "who": "the mayor of a town in Syunik",
        "outlook": "Officials say construction could begin in two years, if financing is agreed.",
    },
    {
        "slug": "karabakh-children-schools-adaptation",
        "headline": "Two years on, Karabakh children settle into Armenian schools",
        "standfirst": "Teachers say the youngest have adapted fastest. Teenagers, who "
        "remember most, find it hardest.",
        "region": "nagorno-karabakh",
        "also": ["armenia"],
        "tags": ["education", "displaced people", "youth"],
        "by": ["gayane-avetisyan"],
        "topic": "displacement",
        "scene": "rooftops",
        "sky": "morning",
        "caption": "A residential district in Abovyan, where many displaced families have settled.",
        "lede": "More than two years after they arrived, children from Nagorno-Karabakh make up "
        "a third of the pupils in some schools in towns around Yerevan. Teachers say most have "
        "settled in; not all.",
        "detail": "The youngest children, who remember little of the journey, have picked up "
        "friends and local slang quickly. Older pupils are more likely to struggle, teachers say: "
        "some missed months of school, some work in the afternoons to help their families, and "
        "some simply do not want to talk about where they came from.",
        "quote": "At first they sat together at the back. Now they are everywhere in the "
        "classroom. That is how I know it is getting better.",
        "who": "a teacher in Abovyan",
        "outlook": "The education ministry has funded school psychologists in the most affected "
        "towns for one more year.",
    },
    {
        "slug": "ingushetia-tower-restoration-volunteers",
        "headline": "Volunteers restore a medieval tower in Ingushetia's Dzheyrakh gorge",
        "standfirst": "A group of young Ingush engineers spent the summer rebuilding a collapsed "
        "wall with stone from the slope.",
        "region": "north-caucasus",
        "tags": ["history", "culture", "youth", "tourism"],
        "by": ["murad-gadzhiev"],
        "topic": "history",
        "scene": "mountains",
        "sky": "evening",
        "caption": "The mountains of the Dzheyrakh gorge, where the medieval towers stand.",
        "lede": "A group of volunteers, most of them young engineers and architects, spent the "
        "summer rebuilding a collapsed wall of a medieval tower in Ingushetia's Dzheyrakh "
        "gorge, using stone gathered from the slope below.",
        "detail": "The towers, some of them more than five hundred years old, are among the "
        "region's best-known landmarks. Many are in poor repair. The volunteers worked under "
        "the supervision of a heritage architect and followed traditional techniques, using "
        "lime mortar instead of cement.",
        "quote": "Our ancestors built these without cranes. We wanted to understand how.",
        "who": "Adam Yevloev, one of the volunteers,",
        "outlook": "The group plans to start work on a second tower next summer and is looking "
        "for more volunteers with building experience.",
    },
    {
        "slug": "tbilisi-film-festival-regional-premieres",
        "headline": "Tbilisi film festival opens with a Caucasus-wide programme",
        "standfirst": "Films from all three South Caucasus countries share the main competition "
        "for the first time.",
        "region": "georgia",
        "also": ["armenia", "azerbaijan"],
        "tags": ["film", "culture"],
        "by": ["helen-marsh"],
        "topic": "culture",
        "scene": "flagpoles",
        "sky": "dusk",
        "caption": "Festival flags outside the cinema in central Tbilisi on opening night.",
        "lede": "Tbilisi's international film festival opened on Monday with a main competition "
        "that, for the first time, includes feature films from Armenia and Azerbaijan alongside "
        "Georgian ones.",
        "detail": "The festival's programmers say it was less a political decision than a "
        "reflection of a strong year for regional cinema. Several of the films are "
        "co-productions with European partners, and two were shot in more than one country of "
        "the region.",
        "quote": "Audiences here are curious about their neighbours. Cinema is one of the few "
        "places where they can meet them.",
        "who": "the festival's director",
        "outlook": "The winners will be announced on Saturday.",
    },
    {
        "slug": "south-ossetia-apricot-farmers-market-access",
        "headline": "South Ossetian apricot growers look north for buyers",
        "standfirst": "With the southern markets closed, farmers send fruit over the Roki pass. "
        "The long trip costs them a third of the price.",
        "region": "south-ossetia",
        "also": ["north-caucasus"],
        "tags": ["agriculture", "trade", "roads"],
        "by": ["madina-kochieva"],
        "topic": "economy",
        "scene": "road",
        "sky": "evening",
        "caption": "The road towards the Roki tunnel, the only route north for farm produce.",
        "lede": "Apricot growers around Tskhinvali say they lose about a third of the value of "
        "their crop on the road, as lorries take the fruit over the Roki pass to markets in "
        "North Ossetia.",
        "detail": "Before 2008, much of the fruit went south to markets in Gori and Tbilisi, an "
        "hour away. Now the nearest large market is Vladikavkaz, several hours through the "
        "mountains. In the heat of July, apricots do not travel well.",
        "quote": "I grow the best apricots in the Caucasus. By the time they reach the market, "
        "they are ordinary apricots.",
        "who": "a grower in the village of Dmenis",
        "outlook": "The agriculture authorities have proposed a drying plant so that farmers "
        "can sell dried fruit, which travels better.",
    },
    {
        "slug": "yerevan-it-sector-relocated-workers",
        "headline": "Yerevan's tech boom cools as relocated workers move on",
        "standfirst": "Thousands of programmers who arrived in 2022 have left for other countries. "
        "Landlords and cafes notice first.",
        "region": "armenia",
        "tags": ["economy", "migration", "housing"],
        "by": ["giorgi-lomidze", "aram-hovsepyan"],
        "topic": "migration",
        "background": [2, 0],
        "scene": "rooftops",
        "sky": "dusk",
        "caption": "Lit windows in central Yerevan, where rents rose sharply in 2022.",
        "lede": "The number of foreign IT workers registered in Armenia has fallen for the first "
        "time since 2022, tax data show, as some of those who relocated to Yerevan move on to "
        "other countries.",
        "detail": "The arrival of tens of thousands of relocated workers doubled rents in central "
        "Yerevan almost overnight and fuelled a boom in cafes, co-working spaces and language "
        "schools. Landlords now report longer vacancies, and rents in some districts have "
        "started to fall.",
        "quote": "For two years I could ask anything. Now I wait a month for a tenant.",
        "who": "a landlord with three flats near Republic Square",
        "outlook": "Economists say the local IT sector has grown enough to absorb part of the "
        "change, and that the tax revenue from the boom is largely here to stay.",
    },
    {
        "slug": "gabala-ski-resort-local-jobs",
        "headline": "Gabala's resorts hire locally, but the top jobs go to outsiders",
        "standfirst": "The mountain district has become a year-round destination. Residents say "
        "they clean the rooms while managers come from Baku.",
        "region": "azerbaijan",
        "tags": ["tourism", "economy", "youth"],
        "by": ["leyla-mammadli"],
        "topic": "economy",
        "scene": "mountains",
        "sky": "noon",
        "caption": "The mountains above Gabala, where new resorts have opened in the past decade.",
        "lede": "The resorts and hotels of Gabala employ several thousand people, most of them "
        "from the district. Few of them, residents say, work above the level of receptionist.",
        "detail": "Local young people say they lack the languages and training required for "
        "management jobs, and that the vocational college in town does not offer them. Hotel "
        "managers say they would prefer to hire locally, but cannot find candidates.",
        "quote": "My English is good enough to check in guests. Nobody taught me how to run "
        "the hotel.",
        "who": "a 26-year-old receptionist",
        "outlook": "A hospitality training centre is due to open in the district next autumn.",
    },
    {
        "slug": "sochi-to-sukhumi-train-service",
        "headline": "The train from Sochi to Sukhumi is full every day. Locals can rarely get on",
        "standfirst": "Seats are booked weeks in advance by tourists. Residents who travel for "
        "hospitals or paperwork say they have been priced out.",
        "region": "abkhazia",
        "tags": ["railways", "tourism", "health"],
        "by": ["saida-kvitsinia"],
        "topic": "transport",
        "background": [2, 3],
        "scene": "harbour",
        "sky": "morning",
        "caption": "The coast near Gagra, along which the railway runs.",
        "lede": "The daily train between Sochi and Sukhumi has been sold out for months, mostly "
        "to tourists. Residents of Abkhazia who rely on it to reach hospitals and offices "
        "across the border say they can no longer find seats.",
        "detail": "The train is the only direct public transport along the coast besides "
        "minibuses, which are slower and less comfortable for the elderly and sick. Tickets are "
        "sold online and in Russia, and residents say they are usually gone within hours.",
        "quote": "My husband has dialysis in Sochi. We go by minibus, four hours each way.",
        "who": "a woman from Gudauta",
        "outlook": "The railway company says it will add a second carriage in the spring.",
    },
    {
        "slug": "georgia-pankisi-gorge-tourism",
        "headline": "Pankisi gorge guesthouses try to change how outsiders see the valley",
        "standfirst": "Kist families have opened their homes to hikers and horse riders. The "
        "guests, they say, leave with a different picture.",
        "region": "georgia",
        "also": ["north-caucasus"],
        "tags": ["tourism", "culture", "civil society"],
        "by": ["tamar-gelashvili"],
        "topic": "culture",
        "scene": "valley",
        "sky": "morning",
        "caption": "Morning in the Pankisi gorge, with the Alazani river below.",
        "lede": "A dozen guesthouses in the Pankisi gorge, run mostly by Kist women, hosted more "
        "visitors this year than ever before, offering walks, horse rides and cooking lessons "
        "in a valley long known to outsiders mainly through alarming headlines.",
        "detail": "The guesthouses work together, sharing bookings and guides. Hosts say most "
        "guests are hikers from Europe and Tbilisi, who come for the mountains and stay for the "
        "food. A felt-making workshop has become one of the valley's best-known attractions.",
        "quote": "People arrive a little nervous. On the last evening they ask to come back "
        "with their children.",
        "who": "Nazy Margoshvili, who runs a guesthouse in Duisi,",
        "outlook": "The hosts hope to open a small museum of Kist culture next year.",
    },
    {
        "slug": "north-ossetia-mining-waste-river",
        "headline": "Tests find heavy metals in a river below an abandoned Ossetian mine",
        "standfirst": "The Sadon mine closed years ago. Its waste still washes into the Ardon "
        "when it rains.",
        "region": "north-caucasus",
        "tags": ["mining", "environment", "water"],
        "by": ["madina-kochieva", "sevil-huseynova"],
        "topic": "environment",
        "scene": "valley",
        "sky": "overcast",
        "caption": "The Ardon valley below the former mining settlement of Sadon.",
        "lede": "Water samples taken by university researchers in the Ardon river below the "
        "abandoned Sadon lead and zinc mine contain heavy metals well above safe limits after "
        "heavy rain, according to results shared with Caucasus Dispatch.",
        "detail": "The mine closed years ago, but its waste heaps remain on the slopes above the "
        "river, unfenced and uncovered. Villagers downstream irrigate gardens with river water. "
        "The researchers say the concentrations fall in dry weather but spike during storms.",
        "quote": "We measured what everybody here already suspected. Now it has a number.",
        "who": "the researcher who led the study",
        "outlook": "Regional authorities say a project to cover the waste heaps is being "
        "prepared but has no budget yet.",
    },
    {
        "slug": "armenia-wrestler-world-championship-bronze",
        "headline": "A village wrestler from Armavir takes world bronze",
        "standfirst": "Twenty-year-old Samvel Ghukasyan trained in a school gym with no showers. "
        "His village watched the bout in the cultural centre.",
        "region": "armenia",
        "tags": ["wrestling", "sport", "youth"],
        "by": ["aram-hovsepyan"],
        "topic": "sport",
        "scene": "stadium",
        "sky": "dusk",
        "caption": "Spectators at the arena during the championship's final day.",
        "lede": "Samvel Ghukasyan, a twenty-year-old from a village in Armavir province, won "
        "bronze at the world wrestling championships on Sunday, the best result of his career.",
        "detail": "Ghukasyan began wrestling at eight in a school gym with a mat donated by a "
        "local businessman and no showers. Most of his village gathered in the cultural centre "
        "to watch the final bout on a projector; when he won, the head of the village rang the "
        "school bell.",
        "quote": "I was thinking of the gym. Cold, no water, my coach shouting. I wanted to win "
        "for that room.",
        "who": "Ghukasyan",
        "outlook": "His coach hopes the result will bring money for showers and a second mat.",
    },
    {
        "slug": "mingachevir-reservoir-low-water",
        "headline": "Low water at Mingachevir leaves farmers short of irrigation",
        "standfirst": "Azerbaijan's largest reservoir is at its lowest level in years. Cotton and "
        "grain growers downstream were rationed all summer.",
        "region": "azerbaijan",
        "tags": ["water", "agriculture", "climate", "electricity"],
        "by": ["sevil-huseynova"],
        "topic": "environment",
        "scene": "valley",
        "sky": "noon",
        "caption": "The Kura river below the Mingachevir dam in late summer.",
        "lede": "The Mingachevir reservoir, Azerbaijan's largest, fell this summer to its lowest "
        "level in years, forcing the authorities to ration irrigation water for farms downstream "
        "and cut output at the hydropower station.",
        "detail": "Less water is flowing into the Kura from upstream, and hotter summers mean "
        "more evaporation. Farmers in the lowlands say their allocations were cut by a third, "
        "and that some fields of cotton and grain dried out before harvest.",
        "quote": "The canal used to be full to the top in July. This year I could see the bottom.",
        "who": "a cotton farmer near Sabirabad",
        "outlook": "The government is funding drip irrigation for farms that switch from "
        "flooding fields.",
    },
    {
        "slug": "abkhazia-enguri-hydropower-sharing",
        "headline": "Inside the Enguri power station, where engineers from both sides still work",
        "standfirst": "The dam is in Georgia and the turbines in Abkhazia. For thirty years, the "
        "people who run them have found ways to keep the lights on.",
        "region": "abkhazia",
        "also": ["georgia"],
        "tags": ["electricity", "energy", "border"],
        "by": ["helen-marsh", "saida-kvitsinia"],
        "topic": "energy",
        "scene": "power",
        "sky": "evening",
        "caption": "Power lines leaving the Enguri valley towards the coast.",
        "lede": "The dam of the Enguri hydropower station stands on one side of the river that "
        "divides Georgia from Abkhazia; the turbines are on the other. For three decades, the "
        "engineers who run them have cooperated quietly across one of the region's most "
        "sensitive lines.",
        "detail": "The station supplies most of Abkhazia's electricity and a large share of "
        "Georgia's. An informal arrangement divides the output between the two sides. Engineers "
        "speak regularly by telephone, and repairs on one side require cooperation from the "
        "other.",
        "quote": "Water does not care about politics. If we stop talking, everyone sits in "
        "the dark.",
        "who": "a senior engineer at the station",
        "outlook": "The station needs major repairs within the next decade. Who pays for them "
        "remains an open question.",
    },
    {
        "slug": "karabakh-oral-history-recordings",
        "headline": "An oral history project records a thousand voices from Karabakh",
        "standfirst": "Interviewers have travelled to every Armenian province to record the "
        "memories of people who left. The oldest was 102.",
        "region": "nagorno-karabakh",
        "tags": ["memory", "history", "displaced people"],
        "by": ["gayane-avetisyan", "helen-marsh"],
        "topic": "history",
        "scene": "mountains",
        "sky": "dusk",
        "caption": "The mountains of Karabakh at dusk, from an archive image used in the project.",
        "lede": "A team of interviewers has recorded more than a thousand hours of testimony "
        "from people who left Nagorno-Karabakh, in what its organisers call the largest oral "
        "history project in Armenia's recent past.",
        "detail": "The interviews range from recipes and songs to memories of the wars. The "
        "oldest person interviewed was 102 and remembered the village of her childhood in "
        "the 1920s. The recordings are being transcribed by volunteers.",
        "quote": "People do not want to be only refugees. They want to be remembered as "
        "teachers, farmers, musicians, as what they were.",
        "who": "the project's coordinator",
        "outlook": "Part of the archive will open to researchers next year.",
    },
    {
        "slug": "georgia-east-west-highway-tunnel-opens",
        "headline": "New tunnel on Georgia's east-west highway cuts the Rikoti pass",
        "standfirst": "The drive between Tbilisi and the west is an hour shorter. Roadside "
        "traders on the old route lose their customers.",
        "region": "georgia",
        "tags": ["roads", "transport", "economy"],
        "by": ["giorgi-lomidze"],
        "topic": "transport",
        "background": [0, 1],
        "scene": "road",
        "sky": "noon",
        "caption": "The new section of the east-west highway approaching the Rikoti tunnels.",
        "lede": "A new section of Georgia's east-west highway, including a series of tunnels "
        "under the Rikoti pass, opened to traffic this week, shortening the drive between "
        "Tbilisi and the west of the country by about an hour.",
        "detail": "The old road over the pass, with its hairpin bends and winter closures, was "
        "one of the most dangerous in the country. It was also lined with stalls selling "
        "bread, cheese and honey, whose owners say their trade fell by half in the first days.",
        "quote": "Safer for the drivers. For us, it is the end of the road.",
        "who": "a woman who has sold bread on the pass for fifteen years",
        "outlook": "The roads ministry says it will build rest areas near the tunnel exits, with "
        "places for local traders.",
    },
    {
        "slug": "dagestan-labour-migrants-return-winter",
        "headline": "Dagestan's builders come home for winter, with less money than before",
        "standfirst": "Men from mountain villages who work on building sites across Russia say "
        "wages have fallen and the rules have tightened.",
        "region": "north-caucasus",
        "tags": ["migration", "economy", "housing"],
        "by": ["murad-gadzhiev"],
        "topic": "migration",
        "scene": "mountains",
        "sky": "overcast",
        "caption": "Mountain villages in Dagestan, where many men work away for most of the year.",
        "lede": "Every November, the men of Dagestan's mountain villages come home from building "
        "sites across Russia. This year, many say they have brought back less than usual.",
        "detail": "Builders describe lower wages, more frequent checks and longer delays in "
        "payment. Some say they will look for work in the republic itself next year, where "
        "construction is booming in Makhachkala, although wages are lower.",
        "quote": "Ten years ago, one season paid for a new roof. This year it paid for the debts.",
        "who": "a builder from a village in the Gunib district",
        "outlook": "Village elders say more young men are now leaving for good, not just for "
        "the season.",
    },
    {
        "slug": "tbilisi-street-dogs-programme",
        "headline": "Tbilisi's street dog programme wins praise and a bigger budget",
        "standfirst": "Tagged, vaccinated and returned to their streets: the city's approach to "
        "stray dogs is being copied in other Georgian towns.",
        "region": "georgia",
        "tags": ["civil society", "health"],
        "by": ["tamar-gelashvili"],
        "topic": "society",
        "background": [1, 3],
        "scene": "flagpoles",
        "sky": "noon",
        "caption": "A square in central Tbilisi, where tagged street dogs are a familiar sight.",
        "lede": "Tbilisi's programme to sterilise, vaccinate and tag its street dogs will get a "
        "larger budget next year, after a survey found the number of strays in the city had "
        "fallen for the first time in a decade.",
        "detail": "Dogs are caught, treated and returned to the streets where they were found, "
        "with a yellow ear tag that shows they are vaccinated. Volunteers feed many of them. "
        "Some residents still complain of packs at night, especially in outlying districts.",
        "quote": "Visitors are surprised. Then they see the tags and understand that these dogs "
        "belong to everyone.",
        "who": "a vet who works for the programme",
        "outlook": "Batumi and Kutaisi have announced similar schemes.",
    },
]

# Stories still in the newsroom's workflow: they show editors drafts, review and scheduling,
# and readers never see them before their time.
WORKFLOW = [
    {
        "slug": "georgia-local-elections-candidate-lists",
        "headline": "Parties file candidate lists for Georgia's local elections",
        "standfirst": "Fewer women and fewer independents than four years ago, an early count "
        "suggests.",
        "status": "draft",
        "region": "georgia",
        "tags": ["elections", "civil society"],
        "by": ["tamar-gelashvili"],
        "topic": "politics",
        "lede": "Parties have until midnight on Friday to register their candidates for the "
        "local elections. An early count of the lists filed so far suggests fewer women and "
        "fewer independent candidates than four years ago.",
        "detail": "[Waiting for the election commission's final figures. Add the breakdown by "
        "municipality when it arrives.]",
    },
    {
        "slug": "yerevan-court-ruling-demolition-old-houses",
        "headline": "Court halts demolition of nineteenth-century houses in central Yerevan",
        "standfirst": "Residents won a temporary injunction against a developer. The city says "
        "the buildings were not protected.",
        "status": "review",
        "region": "armenia",
        "tags": ["courts", "history", "housing"],
        "by": ["aram-hovsepyan"],
        "topic": "history",
        "scene": "rooftops",
        "caption": "Old houses in a central Yerevan street, awaiting the court's final decision.",
        "lede": "An administrative court in Yerevan on Monday halted the demolition of three "
        "nineteenth-century houses in the city centre, granting a temporary injunction sought "
        "by residents and a heritage group.",
        "detail": "The developer, who plans an apartment building on the site, says all permits "
        "were issued lawfully and that the houses were not on the list of protected monuments. "
        "The residents argue the list is out of date.",
        "quote": "These houses survived the earthquake, the Soviet Union and the nineties. They "
        "should survive a developer.",
        "who": "a member of the heritage group",
        "outlook": "The court will hear the case in full in February.",
    },
    {
        "slug": "baku-caspian-ferry-timetable-winter",
        "headline": "Caspian ferries cut winter sailings as storms close the port",
        "standfirst": "Lorry drivers waiting for the crossing to Kazakhstan have been sleeping in "
        "their cabs for a week.",
        "status": "draft",
        "region": "azerbaijan",
        "tags": ["transport", "trade"],
        "by": ["leyla-mammadli"],
        "topic": "transport",
        "lede": "[Draft] Storms have closed the port at Alat for six of the past ten days. "
        "Hundreds of lorries are waiting.",
    },
    {
        "slug": "svaneti-winter-school-opens-mountain-village",
        "headline": "A winter school reopens in a Svaneti village for six pupils",
        "standfirst": "The village has not had a school in winter for twelve years. This year it "
        "has a teacher, a stove and six children.",
        "status": "scheduled",
        "region": "georgia",
        "tags": ["education", "youth"],
        "by": ["tamar-gelashvili"],
        "topic": "society",
        "scene": "mountains",
        "sky": "morning",
        "caption": "Snow on the peaks above the village, where the school reopens this winter.",
        "lede": "For twelve winters, families in a village in upper Svaneti sent their children "
        "down the valley to school from November to April. This year, for the first time, the "
        "village school will stay open all winter.",
        "detail": "A young teacher from Kutaisi volunteered to spend the winter in the village, "
        "and parents repaired the stove and the roof of the old schoolhouse. Six pupils, aged "
        "six to eleven, will share one classroom.",
        "quote": "I wanted to know whether it could still be done. The parents did the rest.",
        "who": "the teacher, Mariam Chartolani,",
        "outlook": "The education ministry says it will pay the teacher's salary and heating "
        "costs if the school stays open through March.",
    },
]

# Slugs of the stories the editors put in the Editor's Picks rail, in order; the last is
# picked only for a limited time.
PICKS = [
    "karabakh-parish-registers-digitised-in-yerevan",
    "abkhazia-enguri-hydropower-sharing",
    "dagestan-coast-fishermen-protest-quota",
    "syunik-copper-mine-dust-complaints",
    "gyumri-textile-workshop-reopens-with-displaced-seamstresses",
]

# Stories that readers shared widely: their simulated readership is several times higher.
HITS = {
    "sukhumi-power-cuts-rota-announced": 9,
    "tbilisi-council-votes-to-pedestrianise-old-town-street": 4,
    "makhachkala-wrestling-school-sends-three-to-european-finals": 6,
    "georgia-parliament-broadcasting-law-amendments": 7,
    "karabakh-families-rent-subsidy-extended": 5,
}

# Related stories an editor pinned by hand under a story, in order.
PINS = {
    "karabakh-families-rent-subsidy-extended": [
        "gyumri-textile-workshop-reopens-with-displaced-seamstresses",
        "karabakh-children-schools-adaptation",
    ],
    "sukhumi-power-cuts-rota-announced": ["abkhazia-enguri-hydropower-sharing"],
    "enguri-bridge-crossing-hours-extended-for-harvest": [
        "gali-teachers-language-rules",
        "abkhazia-enguri-hydropower-sharing",
    ],
}

# Stories the desk worked on after they were filed: each is loaded as its reporter filed it
# (this headline, these tags, without its last paragraph), then the desk's revisions bring it
# to the story above, one step at a time, so its History in the admin has something to show.
REVISED = {
    "enguri-bridge-crossing-hours-extended-for-harvest": {
        "filed headline": "Enguri crossing hours extended",
        "filed tags": ["border", "agriculture"],
    },
    "tbilisi-council-votes-to-pedestrianise-old-town-street": {
        "filed headline": "Council votes on Old Town street",
        "filed tags": ["transport", "housing", "traffic"],
    },
    "georgia-local-elections-candidate-lists": {
        "filed headline": "Candidate lists: an early count",
        "filed tags": ["elections"],
    },
}
# Who edits published stories in the demo (the reporters' own drafts they revise themselves).
DESK_EDITOR = "helen-marsh"

# A breaking story the desk keeps as a live blog: published shortly after the newest story
# above, with updates from then until a few minutes before the demo is loaded, newest last
# here (``minutes`` after the blog started). Some carry a drawn photo (``scene``).
LIVE_BLOGS = [
    {
        "slug": "landslides-close-georgian-military-road",
        "headline": "Landslides close the Georgian Military Road near the Jvari pass",
        "standfirst": "Two slides after a night of heavy rain have cut the main road between "
        "Tbilisi and the Russian border. Hundreds of lorries are waiting on both sides.",
        "region": "georgia",
        "also": ["north-caucasus"],
        "tags": ["transport", "weather", "border"],
        "by": ["tamar-gelashvili", "giorgi-lomidze"],
        "topic": "transport",
        "scene": "road",
        "sky": "morning",
        "caption": "The road below the Jvari pass, closed to traffic since the early morning.",
        "lede": "Two landslides closed the Georgian Military Road below the Jvari pass early this "
        "morning after a night of heavy rain, cutting the main route between Tbilisi and the "
        "Upper Lars crossing into Russia.",
        "detail": "Nobody was hurt, the roads department says. Traffic is being turned back at "
        "Pasanauri in the south and at Kobi in the north, and lorries heading for the border "
        "have been told to wait at the car parks in Mleta and Stepantsminda. This page follows "
        "the day as it happens, with the newest updates first.",
        # A live blog's body is its short summary (``compose.body_html``): lede and detail only.
        "updates": [
            {
                "minutes": 2,
                "by": "tamar-gelashvili",
                "text": "The roads department has confirmed that the Georgian Military Road is "
                "closed in both directions between Pasanauri and Kobi after two landslides "
                "overnight.",
            },
            {
                "minutes": 14,
                "by": "tamar-gelashvili",
                "text": "The first slide came down shortly after four in the morning about two "
                "kilometres below the pass. The second, larger one followed an hour later "
                "near the Kobi turning.",
                "scene": "mountains",
                "sky": "morning",
                "caption": "Mud and rock across both lanes below the Jvari pass.",
            },
            {
                "minutes": 27,
                "by": "giorgi-lomidze",
                "text": "Police at Pasanauri are turning back cars and lorries. Drivers are "
                "being told to expect the road to stay shut at least until the evening.",
            },
            {
                "minutes": 41,
                "by": "giorgi-lomidze",
                "text": "About 400 lorries are now waiting on the Georgian side, according to "
                "the drivers' association, most of them carrying fruit and building materials "
                "to Russia and Armenia.",
            },
            {
                "minutes": 55,
                "by": "tamar-gelashvili",
                "text": "Residents of Kobi say the village still has power and water. The "
                "school has been closed for the day as a precaution.",
            },
            {
                "minutes": 68,
                "by": "tamar-gelashvili",
                "text": "Two bulldozers and a team of twelve have started clearing the first "
                "slide from the southern side.",
                "scene": "road",
                "sky": "noon",
                "caption": "A clearing crew at work on the southern slide.",
            },
            {
                "minutes": 82,
                "by": "giorgi-lomidze",
                "text": "The Upper Lars crossing itself remains open, the border police say, "
                "but only for traffic that is already north of the closure.",
            },
            {
                "minutes": 96,
                "by": "tamar-gelashvili",
                "text": "The weather service expects the rain to ease in the afternoon. It has "
                "kept a warning of further slides in force for the mountain districts until "
                "tomorrow morning.",
            },
            {
                "minutes": 110,
                "by": "giorgi-lomidze",
                "text": "Hauliers say each day of closure costs a loaded lorry about 300 lari in "
                "fuel, food and lost time. Several asked the government to open the Mleta car "
                "park's kitchen, which is shut for the winter.",
            },
            {
                "minutes": 124,
                "by": "tamar-gelashvili",
                "text": "The first slide has been cleared. Engineers are checking the retaining "
                "wall above it before any traffic is allowed through.",
            },
            {
                "minutes": 138,
                "by": "tamar-gelashvili",
                "text": "The second slide is deeper than first thought: about 8,000 cubic "
                "metres of mud and rock, the roads department estimates. Clearing it will take "
                "most of the night.",
                "scene": "valley",
                "sky": "evening",
                "caption": "The valley below Kobi, where the second slide came down.",
            },
            {
                "minutes": 150,
                "by": "giorgi-lomidze",
                "text": "The roads department now expects one lane to reopen by six tomorrow "
                "morning, with traffic let through in turns. We will keep this page updated.",
            },
        ],
    },
]
