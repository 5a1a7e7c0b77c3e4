//! The intents jukebox routes, parsed once from Alexa's intent name.

/// Every intent the skill handles, and a fallback for names it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkillIntent {
    PlayMusic,
    PlayAlbum,
    PlayGenre,
    PlayPlaylist,
    PlayStation,
    ShuffleAll,
    ShuffleNamed,
    PlayEra,
    PlayLatestAlbum,
    PlayNew,
    ShuffleNew,
    Like,
    Unlike,
    PlayFavourites,
    NowPlaying,
    AddToQueue,
    AddAlbumToQueue,
    PlayNext,
    ClearQueue,
    WhatsNext,
    Help,
    Fallback,
    Stop,
    Cancel,
    Pause,
    Resume,
    Next,
    Previous,
    StartOver,
    Repeat,
    LoopOn,
    LoopOff,
    ShuffleOn,
    ShuffleOff,
    AutoplayOn,
    AutoplayOff,
    Yes,
    No,
    NavigateHome,
    Unknown(String),
}

/// Intent names in the voice model, paired with the variant they route to.
pub const ROUTED_INTENTS: &[(&str, SkillIntent)] = &[
    ("PlayMusicIntent", SkillIntent::PlayMusic),
    ("PlayAlbumIntent", SkillIntent::PlayAlbum),
    ("PlayGenreIntent", SkillIntent::PlayGenre),
    ("PlayPlaylistIntent", SkillIntent::PlayPlaylist),
    ("PlayStationIntent", SkillIntent::PlayStation),
    ("ShuffleAllIntent", SkillIntent::ShuffleAll),
    ("ShuffleNamedIntent", SkillIntent::ShuffleNamed),
    ("PlayEraIntent", SkillIntent::PlayEra),
    ("PlayLatestAlbumIntent", SkillIntent::PlayLatestAlbum),
    ("PlayNewIntent", SkillIntent::PlayNew),
    ("ShuffleNewIntent", SkillIntent::ShuffleNew),
    ("LikeIntent", SkillIntent::Like),
    ("UnlikeIntent", SkillIntent::Unlike),
    ("PlayFavouritesIntent", SkillIntent::PlayFavourites),
    ("NowPlayingIntent", SkillIntent::NowPlaying),
    ("AddToQueueIntent", SkillIntent::AddToQueue),
    ("AddAlbumToQueueIntent", SkillIntent::AddAlbumToQueue),
    ("PlayNextIntent", SkillIntent::PlayNext),
    ("ClearQueueIntent", SkillIntent::ClearQueue),
    ("WhatsNextIntent", SkillIntent::WhatsNext),
    ("AutoplayOnIntent", SkillIntent::AutoplayOn),
    ("AutoplayOffIntent", SkillIntent::AutoplayOff),
    ("AMAZON.HelpIntent", SkillIntent::Help),
    ("AMAZON.FallbackIntent", SkillIntent::Fallback),
    ("AMAZON.StopIntent", SkillIntent::Stop),
    ("AMAZON.CancelIntent", SkillIntent::Cancel),
    ("AMAZON.PauseIntent", SkillIntent::Pause),
    ("AMAZON.ResumeIntent", SkillIntent::Resume),
    ("AMAZON.NextIntent", SkillIntent::Next),
    ("AMAZON.PreviousIntent", SkillIntent::Previous),
    ("AMAZON.StartOverIntent", SkillIntent::StartOver),
    ("AMAZON.RepeatIntent", SkillIntent::Repeat),
    ("AMAZON.LoopOnIntent", SkillIntent::LoopOn),
    ("AMAZON.LoopOffIntent", SkillIntent::LoopOff),
    ("AMAZON.ShuffleOnIntent", SkillIntent::ShuffleOn),
    ("AMAZON.ShuffleOffIntent", SkillIntent::ShuffleOff),
    ("AMAZON.YesIntent", SkillIntent::Yes),
    ("AMAZON.NoIntent", SkillIntent::No),
    ("AMAZON.NavigateHomeIntent", SkillIntent::NavigateHome),
];

impl SkillIntent {
    pub fn from_name(name: &str) -> Self {
        ROUTED_INTENTS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, intent)| intent.clone())
            .unwrap_or_else(|| SkillIntent::Unknown(name.to_string()))
    }
}

/// Slot names of `PlayMusicIntent`, `AddToQueueIntent` and `PlayNextIntent`.
pub const SONG_SLOT: &str = "songName";
pub const ARTIST_SLOT: &str = "artistName";
/// Slot name of `PlayAlbumIntent` and `AddAlbumToQueueIntent` (with [`ARTIST_SLOT`]).
pub const ALBUM_SLOT: &str = "albumName";
/// Slot name of `PlayGenreIntent`.
pub const GENRE_SLOT: &str = "genreName";
/// Slot name of `PlayPlaylistIntent`.
pub const PLAYLIST_SLOT: &str = "playlistName";
/// Slot name of `PlayStationIntent`.
pub const STATION_SLOT: &str = "stationName";
/// Slot names of `PlayEraIntent` (with [`ARTIST_SLOT`]): a decade in
/// words or digits, or a year.
pub const DECADE_SLOT: &str = "decade";
pub const YEAR_SLOT: &str = "year";
