"""The rails beside stories: Editor's Picks (``picks``), Most Popular (reads counted by
``counting`` from the ``beacon``, ranked by ``ranking``) and Related Articles (``related``,
chosen when a story's page is prepared)."""
